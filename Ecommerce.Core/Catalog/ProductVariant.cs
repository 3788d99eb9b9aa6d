using Ecommerce.Core.Common;
using Ecommerce.Core.Inventory;

namespace Ecommerce.Core.Catalog;

/// <summary>One buyable form of a product (a size and colour): its own SKU, price and stock.</summary>
public class ProductVariant : IVersioned
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>Unique across the platform.</summary>
    public required string Sku { get; set; }
    /// <summary>Option values, e.g. { "Size": "M", "Colour": "Navy" }; empty for a product without options.</summary>
    public Dictionary<string, string> Options { get; set; } = [];
    public decimal Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    public string Currency { get; set; } = "USD";
    public int Position { get; set; }
    public Guid Version { get; set; }
    public StockItem? Stock { get; set; }

    public string Title => TitleOf(Options);

    /// <summary>How a variant is named to shoppers: its option values, or "Default" when it has none.</summary>
    public static string TitleOf(IReadOnlyDictionary<string, string> options) => options.Count == 0 ? "Default" : string.Join(" / ", options.Values);
}
