using Ecommerce.Core.Catalog;

namespace Ecommerce.Web.Components.Shared;

/// <summary>The sort choices of product lists, as they appear in query strings and menus.</summary>
public static class SortOptions
{
    public sealed record Option(string Key, string Label, ProductSort Sort);

    public static readonly IReadOnlyList<Option> All =
    [
        new("newest", "Newest", ProductSort.Newest),
        new("bestselling", "Bestselling", ProductSort.Bestselling),
        new("price-asc", "Price: low to high", ProductSort.PriceLow),
        new("price-desc", "Price: high to low", ProductSort.PriceHigh),
        new("name", "Name", ProductSort.Name),
    ];

    public static string Normalize(string? key) => All.Any(o => o.Key == key) ? key! : All[0].Key;

    public static ProductSort Parse(string? key) => (All.FirstOrDefault(o => o.Key == key) ?? All[0]).Sort;
}
