namespace Ecommerce.Core.Search;

/// <summary>A product as a sitemap lists it: its page and its main picture.</summary>
public sealed record SitemapProduct(int ProductId, string Slug, string? ImageUrl);

/// <summary>The listings a sitemap names: categories (with their parents) and shops that have products in the index.</summary>
public sealed record SitemapListings(IReadOnlyList<string> CategorySlugs, IReadOnlyList<string> ShopSlugs);

/// <summary>
/// What the sitemaps read: the indexed products in product-id order, cut into pages by that stable key (a page is
/// "the next N products from this id on", found in the in-memory values, never an offset into the catalogue), and
/// the categories and shops that those products are listed under.
/// </summary>
public sealed partial class ProductSearchIndex
{
    /// <summary>Lucene's limit on the clauses of one query (by-id lookups are made in chunks below it).</summary>
    private const int LookupChunk = 1000;

    /// <summary>The first product id of each page of <paramref name="pageSize"/> products, in id order; empty when the index is.</summary>
    public IReadOnlyList<int> SitemapPageStarts(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return Read((_, values) =>
        {
            var starts = new List<int>();
            var seen = 0;
            for (var id = 0; id < values.Limit; id++)
            {
                if (!values.Contains(id)) continue;
                if (seen++ % pageSize == 0) starts.Add(id);
            }
            return (IReadOnlyList<int>)starts;
        });
    }

    /// <summary>At most <paramref name="count"/> indexed products from <paramref name="fromId"/> on, in id order.</summary>
    public IReadOnlyList<SitemapProduct> SitemapProducts(int fromId, int count) => Read((searcher, values) =>
    {
        var ids = new List<int>(Math.Min(count, 4096));
        for (var id = Math.Max(0, fromId); id < values.Limit && ids.Count < count; id++)
            if (values.Contains(id)) ids.Add(id);
        var products = new List<SitemapProduct>(ids.Count);
        foreach (var chunk in ids.Chunk(LookupChunk))
            products.AddRange(Hits(searcher, [.. chunk], []).Select(h => new SitemapProduct(h.ProductId, h.Slug, h.ImageUrl)));
        return (IReadOnlyList<SitemapProduct>)products;
    });

    /// <summary>The categories (and their parents) and shops of the indexed products, each once, in a stable order.</summary>
    public SitemapListings SitemapListingSlugs() => Read((_, values) =>
    {
        var categories = new HashSet<int>();
        var shops = new HashSet<int>();
        for (var id = 0; id < values.Limit; id++)
        {
            if (!values.Contains(id)) continue;
            categories.Add(values.Categories[id]);
            shops.Add(values.Shops[id]);
        }
        var categorySlugs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ordinal in categories)
        {
            var category = values.CategoryValues.Values[ordinal];
            categorySlugs.Add(category.Slug);
            if (category.ParentSlug is { Length: > 0 } parent) categorySlugs.Add(parent);
        }
        var shopSlugs = shops.Select(o => values.ShopValues.Values[o].Slug).Order(StringComparer.Ordinal).ToList();
        return new SitemapListings([.. categorySlugs], shopSlugs);
    });
}
