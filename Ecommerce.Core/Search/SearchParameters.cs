using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Ecommerce.Core.Search;

/// <summary>
/// A search as a query string, read the same way by the search page and the search API (the page's state lives in
/// its query string: shareable, crawlable, works without JavaScript): q, category, brand, shop, min, max, instock, sale, sort, page and attr.{key} (repeatable). Bad values are ignored.
/// </summary>
public sealed record SearchParameters(SearchQuery Query, IReadOnlyList<KeyValuePair<string, string>> Raw)
{
    public static readonly (string Key, string Label)[] Sorts =
        [("relevance", "Best match"), ("price-asc", "Price: low to high"), ("price-desc", "Price: high to low"), ("newest", "Newest"), ("bestselling", "Bestselling")];

    public static SearchParameters From(IQueryCollection query)
    {
        var raw = query.SelectMany(q => q.Value.Where(v => v is not null).Select(v => new KeyValuePair<string, string>(q.Key, Trim(v!)))).ToList();
        string? One(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? Trim(v.ToString()) : null;
        decimal? Money(string key) => decimal.TryParse(One(key), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0 && d < 10_000_000 ? d : null;
        var attributes = query.Where(q => q.Key.StartsWith("attr.", StringComparison.Ordinal) && q.Key.Length > 5)
            .ToDictionary(q => q.Key[5..], q => (IReadOnlyList<string>)q.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => Trim(v!)).ToList());
        var sort = One("sort") switch
        {
            "price-asc" => SearchSort.PriceLow,
            "price-desc" => SearchSort.PriceHigh,
            "newest" => SearchSort.Newest,
            "bestselling" => SearchSort.Bestselling,
            _ => SearchSort.Relevance,
        };
        return new SearchParameters(new SearchQuery
        {
            Text = One("q"), Category = One("category"), Brand = One("brand"), Shop = One("shop"),
            MinPrice = Money("min"), MaxPrice = Money("max"), InStockOnly = One("instock") == "1", OnSaleOnly = One("sale") == "1",
            Attributes = attributes, Sort = sort,
            Page = int.TryParse(One("page"), out var p) && p is > 0 and < 10_000 ? p : 1,
        }, raw);
    }

    private static string Trim(string value) => value.Length > 200 ? value[..200] : value;

    public bool Has(string key, string value) => Raw.Any(r => r.Key == key && r.Value == value);

    /// <summary>This search with one parameter toggled (facet links) and paging reset.</summary>
    public string Toggle(string key, string value, bool single = true)
    {
        var next = Raw.Where(r => r.Key != "page").ToList();
        if (Has(key, value)) next.RemoveAll(r => r.Key == key && r.Value == value);
        else
        {
            if (single) next.RemoveAll(r => r.Key == key);
            next.Add(new(key, value));
        }
        return Build(next);
    }

    /// <summary>
    /// The search's canonical address: the text and the category, brand or shop it is narrowed to, in a fixed order;
    /// paging, sorting, finer filters, the visitor's own choices and tracking parameters are left out.
    /// </summary>
    public string Canonical() =>
        Build(CanonicalKeys.SelectMany(key => Raw.Where(r => r.Key == key && !string.IsNullOrWhiteSpace(r.Value)).Take(1)));

    private static readonly string[] CanonicalKeys = ["q", "category", "brand", "shop"];

    public string WithPage(int page) => Build(Raw.Where(r => r.Key != "page").Append(new("page", page.ToString(CultureInfo.InvariantCulture))));

    private static string Build(IEnumerable<KeyValuePair<string, string>> parameters) =>
        QueryHelpers.AddQueryString("/search", parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
}
