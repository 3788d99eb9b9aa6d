using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Pricing;
using Ecommerce.Core.Shops;

namespace Ecommerce.Core.Search;

/// <summary>
/// The storefront's product lists, read from this node's search index: category and shop listings, the home page's
/// sections, recently viewed and recommended cards, and search results. Ids, order, totals, paging and cards come
/// from the index (no SQL that reads more rows as the catalogue grows); each card's price is the live one, with a
/// running flash sale's price applied (<see cref="LiveSalePrices"/>). Until the index is first built, and for the
/// name sort (the index keeps no names in memory), lists come from the database.
/// While the database does not answer (<see cref="DatabaseReachability"/>), this is where the storefront falls back to
/// the index's stored documents: a product page, cards the index did not have yet, a listing in name order.
/// </summary>
public sealed class ProductListings(ProductSearchIndex index, StorefrontCatalog catalog, LiveSalePrices sales, DatabaseReachability database)
{
    private bool Ready => index.Checkpoint() is not null;

    /// <summary>
    /// A product page: from the database (current stock, every image, specifications), or while it is away from the
    /// index's stored document (stock as last indexed, the first image). Null when the product is not on sale.
    /// </summary>
    public Task<ProductDetails?> ProductAsync(string slug, CancellationToken cancellationToken = default) =>
        database.ReadOrAsync(() => catalog.ProductAsync(slug, cancellationToken), () => Ready && index.Document(slug) is { } d ? DetailsOf(d) : null);

    /// <summary>What a product page shows of a stored document; a document without its variants shows nothing (404).</summary>
    private static ProductDetails? DetailsOf(SearchDocument d) => d.Variants is not { Count: > 0 } variants ? null : new ProductDetails(
        d.ProductId, d.Name, d.Slug, d.Description, d.Brand, [],
        new CategoryLink(d.CategoryId, d.CategoryName, d.CategorySlug, ""),
        d.ShopName, d.ShopSlug, ShopTheme.DefaultAccent,
        d.ImageUrl is { } url ? [new ProductImage { ProductId = d.ProductId, Url = url, AltText = d.ImageAlt }] : [],
        variants.Select(v => new VariantView(v.Id, v.Sku, ProductVariant.TitleOf(v.Options), v.Options, v.Price, v.CompareAtPrice, d.Currency, v.Available)).ToList(),
        [], d.ShopId);

    /// <summary>A shop as the index knows it (name and slug, no profile), for its page while the database is away.</summary>
    public ShopSummary? IndexedShop(string slug)
    {
        if (!Ready) return null;
        var hit = index.Search(new SearchQuery { Shop = slug, PageSize = 1, WithFacets = false }).Items.FirstOrDefault();
        return hit is null ? null : new ShopSummary(hit.ShopId, hit.ShopName, hit.ShopSlug, "", ShopTheme.DefaultAccent, null, null);
    }

    /// <summary>Products of a category and of its subcategories, sorted and paged.</summary>
    public Task<PagedResult<ProductCard>> CategoryAsync(CategoryLink category, PageRequest page, ProductSort sort, CancellationToken cancellationToken = default) =>
        Ready && SortOf(sort) is { } order
            ? ListAsync(new SearchQuery { Category = category.Slug, Sort = order, Page = page.Page, PageSize = page.PageSize, WithFacets = false }, cancellationToken)
            : FromDatabaseAsync(() => catalog.ProductsAsync(page, categoryId: category.Id, sort: sort, cancellationToken: cancellationToken),
                new SearchQuery { Category = category.Slug, Page = page.Page, PageSize = page.PageSize, WithFacets = false }, cancellationToken);

    /// <summary>Products of one shop, sorted and paged.</summary>
    public Task<PagedResult<ProductCard>> ShopAsync(int shopId, PageRequest page, ProductSort sort, CancellationToken cancellationToken = default) =>
        Ready && SortOf(sort) is { } order
            ? ListAsync(new SearchQuery { OnlyShopIds = [shopId], Sort = order, Page = page.Page, PageSize = page.PageSize, WithFacets = false }, cancellationToken)
            : FromDatabaseAsync(() => catalog.ProductsAsync(page, shopId: shopId, sort: sort, cancellationToken: cancellationToken),
                new SearchQuery { OnlyShopIds = [shopId], Page = page.Page, PageSize = page.PageSize, WithFacets = false }, cancellationToken);

    /// <summary>The first products of the whole catalogue in this order (home page sections).</summary>
    public async Task<IReadOnlyList<ProductCard>> TopAsync(ProductSort sort, int count, CancellationToken cancellationToken = default) =>
        Ready && SortOf(sort) is { } order
            ? (await ListAsync(new SearchQuery { Sort = order, PageSize = Math.Clamp(count, 1, PageRequest.MaxPageSize), WithFacets = false }, cancellationToken)).Items
            : await catalog.TopProductsAsync(sort, count, cancellationToken);

    /// <summary>
    /// The first products in this order among these shops' (those that deliver to the shopper); none until the index
    /// is first built, rather than products that may not deliver.
    /// </summary>
    public async Task<IReadOnlyList<ProductCard>> TopOfShopsAsync(ProductSort sort, int count, IReadOnlyCollection<int> shopIds, CancellationToken cancellationToken = default) =>
        Ready && SortOf(sort) is { } order && shopIds.Count > 0
            ? (await ListAsync(new SearchQuery { OnlyShopIds = shopIds, Sort = order, PageSize = Math.Clamp(count, 1, PageRequest.MaxPageSize), WithFacets = false }, cancellationToken)).Items
            : [];

    /// <summary>Cards of these products in this order, leaving out those no longer sold (recently viewed, recommendations).</summary>
    public async Task<IReadOnlyList<ProductCard>> CardsAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken = default)
    {
        if (productIds.Count == 0) return [];
        if (!Ready) return await catalog.CardsAsync(productIds, cancellationToken);
        var cards = index.Documents(productIds).Select(CardOf).ToDictionary(c => c.Id);
        // A product registered or changed a moment ago may not be in this node's index yet (it catches up within a
        // second): those few are read by key from the database, so the product just viewed is never missing.
        var missing = productIds.Where(id => !cards.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var card in await database.ReadOrAsync(() => catalog.CardsAsync(missing, cancellationToken), () => [])) cards[card.Id] = card;
        return await AtLivePricesAsync(productIds.Distinct().Where(cards.ContainsKey).Select(id => cards[id]).ToList(), cancellationToken);
    }

    /// <summary>A search with its facets, each result at its live price: the storefront's search page and the API's.</summary>
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var result = index.Search(query);
        var live = await sales.ForAsync(result.Items.Select(i => i.ProductId), cancellationToken);
        if (live.Count == 0) return result;
        return result with
        {
            Items = result.Items.Select(hit =>
            {
                var (price, compareAt) = LivePrice(live, hit.ProductId, hit.Price, hit.CompareAtPrice);
                return hit with { Price = price, CompareAtPrice = compareAt };
            }).ToList(),
        };
    }

    /// <summary>A list the index cannot sort (by name) from the database; while it is away, the index's in its default order.</summary>
    private async Task<PagedResult<ProductCard>> FromDatabaseAsync(Func<Task<PagedResult<ProductCard>>> read, SearchQuery query, CancellationToken cancellationToken)
    {
        if (!Ready) return await read();
        return await database.ReadOrAsync<PagedResult<ProductCard>?>(async () => await read(), () => null)
            ?? await ListAsync(query with { Sort = SearchSort.Newest }, cancellationToken);
    }

    private async Task<PagedResult<ProductCard>> ListAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var result = index.Search(query);
        return new PagedResult<ProductCard>(await AtLivePricesAsync(result.Items.Select(CardOf).ToList(), cancellationToken), result.Total, result.Page, result.PageSize);
    }

    private static ProductCard CardOf(SearchHit hit) => new(hit.ProductId, hit.Name, hit.Slug, hit.Brand, hit.ShopName, hit.ShopSlug,
        hit.Price, hit.CompareAtPrice, hit.Currency, hit.ImageUrl, hit.ImageAlt, hit.InStock);

    private async Task<IReadOnlyList<ProductCard>> AtLivePricesAsync(IReadOnlyList<ProductCard> cards, CancellationToken cancellationToken)
    {
        var live = await sales.ForAsync(cards.Select(c => c.Id), cancellationToken);
        if (live.Count == 0) return cards;
        return cards.Select(card =>
        {
            var (price, compareAt) = LivePrice(live, card.Id, card.Price, card.CompareAtPrice);
            return card with { Price = price, CompareAtPrice = compareAt };
        }).ToList();
    }

    /// <summary>
    /// A running sale's price when it is below the regular one, shown against the merchant's compare-at price if
    /// higher, else against the regular price; the prices as they are otherwise.
    /// </summary>
    private static (decimal Price, decimal? CompareAt) LivePrice(IReadOnlyDictionary<int, decimal> live, int productId, decimal price, decimal? compareAt) =>
        live.TryGetValue(productId, out var sale) && sale < price ? (sale, compareAt is { } c && c > price ? c : price) : (price, compareAt);

    private static SearchSort? SortOf(ProductSort sort) => sort switch
    {
        ProductSort.Newest => SearchSort.Newest,
        ProductSort.Bestselling => SearchSort.Bestselling,
        ProductSort.PriceLow => SearchSort.PriceLow,
        ProductSort.PriceHigh => SearchSort.PriceHigh,
        _ => null,
    };
}
