using Ecommerce.Core.Search;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// The home page's "New arrivals": the newest products on sale. No database index orders every sold product by its
/// creation time (sorting the whole catalogue cost 0.4 s of CPU per uncached home page at 100,000 products), but
/// this node's search index keeps each document's creation time in memory: the order comes from there, and the
/// cards are read by id from the database (current prices, stock and visibility). Until the index is first built,
/// the database sorts.
/// </summary>
public sealed class NewArrivals(ProductSearchIndex index, StorefrontCatalog catalog)
{
    public async Task<IReadOnlyList<ProductCard>> LatestAsync(int count, CancellationToken cancellationToken = default)
    {
        if (index.Checkpoint() is null) return await catalog.TopProductsAsync(ProductSort.Newest, count, cancellationToken);
        var newest = index.Search(new SearchQuery { Sort = SearchSort.Newest, PageSize = Math.Clamp(count, 1, 100) });
        return await catalog.CardsAsync(newest.Items.Select(i => i.ProductId).ToList(), cancellationToken);
    }
}
