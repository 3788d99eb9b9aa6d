using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// What shoppers browse: categories, product lists and product pages. Only active products of active shops
/// are ever shown. A list costs a fixed number of queries whatever its length (no N+1).
/// The categories last read are kept on the node (<see cref="CategoryWarmer"/> reads them every minute), and serve
/// the storefront's category links and pages while the database is away.
/// </summary>
public sealed class StorefrontCatalog(IDbContextFactory<AppDbContext> contexts, DatabaseReachability? database = null)
{
    private IReadOnlyList<CategoryLink>? _lastCategories;

    public async Task<IReadOnlyList<CategoryLink>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        if (database is null || _lastCategories is null) return await ReadCategoriesAsync(cancellationToken);
        var last = _lastCategories;
        return await database.ReadOrAsync(() => ReadCategoriesAsync(cancellationToken), () => last);
    }

    private async Task<IReadOnlyList<CategoryLink>> ReadCategoriesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return _lastCategories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CategoryLink(c.Id, c.Name, c.Slug, c.Description)).ToListAsync(cancellationToken);
    }

    public async Task<CategoryLink?> CategoryAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (database is null || _lastCategories is null) return await ReadCategoryAsync(slug, cancellationToken);
        var last = _lastCategories;
        return await database.ReadOrAsync(() => ReadCategoryAsync(slug, cancellationToken), () => last.FirstOrDefault(c => c.Slug == slug));
    }

    private async Task<CategoryLink?> ReadCategoryAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new CategoryLink(c.Id, c.Name, c.Slug, c.Description)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Visible products, optionally of one category (with its subcategories) or one shop, sorted and paged.</summary>
    public async Task<PagedResult<ProductCard>> ProductsAsync(
        PageRequest page, int? categoryId = null, int? shopId = null, ProductSort sort = ProductSort.Newest,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Visible(categoryId is null || shopId is not null ? db.Products : ForCategoryListing(db));
        if (categoryId is { } c) query = await InCategoryTreeAsync(db, query, c, cancellationToken);
        if (shopId is { } s) query = query.Where(p => p.ShopId == s);
        var total = await query.CountAsync(cancellationToken);
        // The page's ids first, then their cards: in one query SQLite computed the card of every product in the list
        // (its image, price and stock subqueries) before sorting them, 0.15 s for a category of 15,000 products.
        var ids = await Sort(query, sort).Skip(page.Skip).Take(page.PageSize).Select(p => p.Id).ToListAsync(cancellationToken);
        return new PagedResult<ProductCard>(await CardsAsync(db, ids, cancellationToken), total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The products table for a category listing. On SQLite it names the category index: with a shop's status in
    /// the filter, SQLite's planner started from the shops (a handful) and read every listed product of theirs through
    /// the shop index before sorting, whatever its sampled statistics said (0.4 s for a parent category at 100,000
    /// products, against 0.1 s along the category index). PostgreSQL plans from its own full statistics.
    /// </summary>
    private static IQueryable<Product> ForCategoryListing(AppDbContext db) => db.Provider == DatabaseProvider.Sqlite
        ? db.Products.FromSqlRaw("SELECT * FROM products INDEXED BY " + ProductConfiguration.CategoryListingIndex)
        : db.Products;

    /// <summary>A short list for the home page (no total needed).</summary>
    public async Task<IReadOnlyList<ProductCard>> TopProductsAsync(ProductSort sort, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ToCards(Sort(Visible(db), sort).Take(Math.Clamp(count, 1, PageRequest.MaxPageSize))).ToListAsync(cancellationToken);
    }

    /// <summary>Visible products by id, in the order given (recently viewed, picked lists).</summary>
    public async Task<IReadOnlyList<ProductCard>> CardsAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken = default)
    {
        if (productIds.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CardsAsync(db, productIds, cancellationToken);
    }

    private static async Task<IReadOnlyList<ProductCard>> CardsAsync(AppDbContext db, IReadOnlyList<int> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0) return [];
        var cards = await Visible(db).Where(p => productIds.Contains(p.Id)).Select(CardProjection).ToDictionaryAsync(c => c.Id, cancellationToken);
        return productIds.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
    }

    public async Task<ProductDetails?> ProductAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await Visible(db)
            .Include(p => p.Category).Include(p => p.Shop)
            .Include(p => p.Images.OrderBy(i => i.Position))
            .Include(p => p.Variants.OrderBy(v => v.Position)).ThenInclude(v => v.Stock)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (product is null) return null;

        var category = product.Category!;
        var attributes = category.AttributeTemplate
            .Where(a => product.Attributes.TryGetValue(a.Key, out var v) && !string.IsNullOrWhiteSpace(v))
            .Select(a => new AttributeRow(a.Label, AttributeFormatting.Display(a, product.Attributes[a.Key])))
            .ToList();
        return new ProductDetails(
            product.Id, product.Name, product.Slug, product.Description, product.Brand, product.Tags,
            new CategoryLink(category.Id, category.Name, category.Slug, category.Description),
            product.Shop!.Name, product.Shop.Slug, product.Shop.AccentColor,
            product.Images,
            product.Variants.Select(v => new VariantView(v.Id, v.Sku, v.Title, v.Options, v.Price, v.CompareAtPrice, v.Currency, v.Stock?.Available ?? 0)).ToList(),
            attributes, product.ShopId);
    }

    /// <summary>A shop page's product-grid section: up to <paramref name="count"/> products of one shop, by source.</summary>
    public async Task<IReadOnlyList<ProductCard>> ShopProductsAsync(
        int shopId, ProductGridSource source, int? categoryId, string? tag, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = source == ProductGridSource.Tag ? Visible(WithTag(db, tag?.Trim() ?? "")) : Visible(db);
        query = query.Where(p => p.ShopId == shopId);
        if (source == ProductGridSource.Category) query = await InCategoryTreeAsync(db, query, categoryId ?? 0, cancellationToken); // none chosen: no products
        var sort = source == ProductGridSource.Bestselling ? ProductSort.Bestselling : ProductSort.Newest;
        return await ToCards(Sort(query, sort).Take(Math.Clamp(count, 1, PageRequest.MaxPageSize))).ToListAsync(cancellationToken);
    }

    /// <summary>A shop page's featured-products section: the visible ones among <paramref name="ids"/>, in that order.</summary>
    public async Task<IReadOnlyList<ProductCard>> ShopProductsByIdAsync(int shopId, IReadOnlyList<int> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cards = await ToCards(Visible(db).Where(p => p.ShopId == shopId && ids.Contains(p.Id))).ToListAsync(cancellationToken);
        var position = ids.Distinct().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return cards.OrderBy(c => position[c.Id]).ToList();
    }

    // Tags are a JSON array column; each provider has its own way to look inside one.
    private static IQueryable<Product> WithTag(AppDbContext db, string tag) => db.Provider switch
    {
        DatabaseProvider.Postgres => db.Products.FromSql($"SELECT * FROM products WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(tags) t WHERE lower(t) = lower({tag}))"),
        DatabaseProvider.SqlServer => db.Products.FromSqlRaw(SqlServer.WithTag, tag),
        _ => db.Products.FromSql($"SELECT * FROM products WHERE EXISTS (SELECT 1 FROM json_each(products.tags) WHERE lower(value) = lower({tag}))"),
    };

    private static IQueryable<Product> Visible(AppDbContext db) => Visible(db.Products);

    /// <summary>Products of a category or of its subcategories. The category ids are read first and sent as a list, so
    /// the database walks the products' category index; an OR across the join, or the same ids as a subquery, had
    /// SQLite read every listed product through the shops instead (0.2–0.3 s at 100,000 products).</summary>
    private static async Task<IQueryable<Product>> InCategoryTreeAsync(AppDbContext db, IQueryable<Product> query, int categoryId, CancellationToken cancellationToken)
    {
        var tree = await db.Categories.Where(k => k.Id == categoryId || k.ParentId == categoryId).Select(k => k.Id).ToListAsync(cancellationToken);
        return query.Where(p => tree.Contains(p.CategoryId));
    }

    /// <summary>What shoppers may see and buy (ProductVisibility); also the rule of Recommendations.</summary>
    internal static IQueryable<Product> Visible(IQueryable<Product> products) =>
        products.AsNoTracking().WhereSold();

    private static IQueryable<Product> Sort(IQueryable<Product> query, ProductSort sort) => sort switch
    {
        ProductSort.Bestselling => query.OrderByDescending(p => p.SalesCount).ThenByDescending(p => p.Id),
        ProductSort.PriceLow => query.OrderBy(p => p.MinPrice).ThenBy(p => p.Id),
        ProductSort.PriceHigh => query.OrderByDescending(p => p.MinPrice).ThenBy(p => p.Id),
        ProductSort.Name => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
        _ => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
    };

    private static IQueryable<ProductCard> ToCards(IQueryable<Product> query) => query.Select(CardProjection);

    /// <summary>A product as a list card; one expression so every list (and LiveDeals) shapes cards the same way.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Product, ProductCard>> CardProjection =
        p => new ProductCard(
            p.Id, p.Name, p.Slug, p.Brand, p.Shop!.Name, p.Shop.Slug,
            p.MinPrice,
            p.Variants.OrderBy(v => v.Price).Select(v => v.CompareAtPrice).FirstOrDefault(),
            p.Currency,
            p.Images.OrderBy(i => i.Position).Select(i => i.Url).FirstOrDefault(),
            p.Images.OrderBy(i => i.Position).Select(i => i.AltText).FirstOrDefault() ?? p.Name,
            p.Variants.AsQueryable().Select(v => v.Stock!).Any(Inventory.StockLevels.HasAvailable));

    [SqlServerStatements]
    internal static class SqlServer
    {
        public const string WithTag = """
            SELECT * FROM products WHERE EXISTS (SELECT 1 FROM OPENJSON(products.tags) t WHERE LOWER(t.value) = LOWER({0}))
            """;
    }
}
