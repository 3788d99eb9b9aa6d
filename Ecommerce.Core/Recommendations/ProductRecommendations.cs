using Ecommerce.Core.Search;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Ecommerce.Core.Recommendations;

/// <summary>What a product page shows under "Customers also bought"; <see cref="CoPurchased"/> of them come first from shared orders.</summary>
public sealed record AlsoBought(IReadOnlyList<ProductCard> Products, int CoPurchased);

/// <summary>
/// Recommendations from what shoppers bought together: products that appear in the same paid orders as the given
/// ones, ranked by how many orders they share, then in stock first, then by sales. Each list is ranked by one
/// grouped query (plus one for a fallback when there are too few co-purchases), whatever the number of orders;
/// only the ranked ids are cached, briefly, so the cards (price, stock, visibility) are always read fresh.
/// </summary>
public sealed class ProductRecommendations(IDbContextFactory<AppDbContext> contexts, ProductListings listings, IMemoryCache cache, DatabaseReachability database) : IDisposable
{
    public const int Max = 8;
    /// <summary>Long enough to spare the database on a busy page, short enough that new orders show soon.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(3);
    /// <summary>A shopper's seeds: enough recent history to recommend from, bounded so one heavy buyer stays cheap.</summary>
    private const int MaxSeeds = 24;

    // "Paid or later": the shop order was paid and is not cancelled or wholly refunded.
    private static readonly OrderStatus[] Bought = [.. OrderTransitions.CountsAsSold];

    /// <summary>
    /// "For you" lists are keyed by the visitor's recently viewed cookie, which a client can fill with any ids: they get a
    /// cache of their own with a bounded number of entries, so made-up cookies cannot grow the app's shared cache.
    /// </summary>
    public const int MaxShopperLists = 10_000;
    private readonly MemoryCache _shopperLists = new(new MemoryCacheOptions { SizeLimit = MaxShopperLists });

    private sealed record Ranked(IReadOnlyList<int> Ids, int CoPurchased);

    /// <summary>Products most often bought with this one, filled up with its category's bestsellers when too few.</summary>
    public async Task<AlsoBought> AlsoBoughtAsync(int productId, CancellationToken cancellationToken = default)
    {
        // While the database is away: none (and nothing cached for later).
        var ranked = await database.ReadOrAsync(() => cache.GetOrCreateAsync(("also-bought", productId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await RankAlsoBoughtAsync(productId, cancellationToken);
        }), () => new Ranked([], 0));
        var cards = await listings.CardsAsync(ranked!.Ids, cancellationToken);
        var coPurchased = ranked.Ids.Take(ranked.CoPurchased).ToHashSet();
        return new AlsoBought(cards, cards.Count(c => coPurchased.Contains(c.Id)));
    }

    /// <summary>
    /// "Recommended for you": bought together with what the shopper bought or recently viewed (never what they already
    /// bought), then bestsellers of those products' categories, then — for a signed-in shopper — overall bestsellers.
    /// Empty when there is nothing to go on (a guest who has viewed nothing).
    /// </summary>
    public async Task<IReadOnlyList<ProductCard>> ForShopperAsync(string? userId, IReadOnlyList<int> recentlyViewed, CancellationToken cancellationToken = default)
    {
        var viewed = recentlyViewed.Where(id => id > 0).Distinct().Take(MaxSeeds).ToList();
        if (string.IsNullOrEmpty(userId) && viewed.Count == 0) return [];
        var ranked = await database.ReadOrAsync(() => _shopperLists.GetOrCreateAsync((userId ?? "", string.Join('.', viewed)), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            entry.Size = 1;
            return await RankForShopperAsync(userId, viewed, cancellationToken);
        }), () => []);
        return await listings.CardsAsync(ranked!, cancellationToken);
    }

    /// <summary>How many "for you" lists are cached now (at most <see cref="MaxShopperLists"/>).</summary>
    public int CachedShopperLists => _shopperLists.Count;

    public void Dispose() => _shopperLists.Dispose();

    private async Task<Ranked> RankAlsoBoughtAsync(int productId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seeds = db.Products.Where(p => p.Id == productId).Select(p => p.Id);
        var ids = await CoPurchasedAsync(db, seeds, seeds, cancellationToken);
        var coPurchased = ids.Count;
        if (ids.Count < Max)
        {
            var category = db.Products.Where(p => p.Id == productId).Select(p => p.CategoryId);
            ids.AddRange(await BestsellersAsync(Sellable(db).Where(p => category.Contains(p.CategoryId) && p.Id != productId && !ids.Contains(p.Id)),
                Max - ids.Count, cancellationToken));
        }
        return new Ranked(ids, coPurchased);
    }

    private async Task<IReadOnlyList<int>> RankForShopperAsync(string? userId, List<int> viewed, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Everything the shopper bought is excluded; their latest purchases and their recent views are the seeds.
        var everBought = string.IsNullOrEmpty(userId)
            ? db.Products.Where(p => false).Select(p => p.Id)
            : SoldLines(db).Where(l => l.UserId == userId).Select(l => l.ProductId);
        var recentlyBought = string.IsNullOrEmpty(userId)
            ? everBought
            : SoldLines(db).Where(l => l.UserId == userId).GroupBy(l => l.ProductId)
                .OrderByDescending(g => g.Max(l => l.OrderId)).Select(g => g.Key).Take(MaxSeeds);
        if (viewed.Count == 0 && !await everBought.AnyAsync(cancellationToken)) return []; // nothing to go on
        var seeds = db.Products.Where(p => viewed.Contains(p.Id) || recentlyBought.Contains(p.Id)).Select(p => p.Id);
        var excluded = db.Products.Where(p => viewed.Contains(p.Id) || everBought.Contains(p.Id)).Select(p => p.Id);

        var ids = await CoPurchasedAsync(db, seeds, excluded, cancellationToken);
        if (ids.Count < Max)
        {
            var categories = db.Products.Where(p => seeds.Contains(p.Id)).Select(p => p.CategoryId);
            ids.AddRange(await BestsellersAsync(Sellable(db).Where(p => categories.Contains(p.CategoryId) && !excluded.Contains(p.Id) && !ids.Contains(p.Id)),
                Max - ids.Count, cancellationToken));
        }
        // A guest's page already shows the overall bestsellers; a shopper's fallback skips what they own.
        if (ids.Count < Max && !string.IsNullOrEmpty(userId))
            ids.AddRange(await BestsellersAsync(Sellable(db).Where(p => !excluded.Contains(p.Id) && !ids.Contains(p.Id)), Max - ids.Count, cancellationToken));
        return ids;
    }

    /// <summary>
    /// One statement: the orders that hold a seed, every other product in them counted once per order, joined to
    /// the products that can be sold now, most shared orders first.
    /// </summary>
    private static async Task<List<int>> CoPurchasedAsync(AppDbContext db, IQueryable<int> seeds, IQueryable<int> excluded, CancellationToken cancellationToken)
    {
        var sold = SoldLines(db);
        var baskets = sold.Where(l => seeds.Contains(l.ProductId)).Select(l => l.OrderId);
        var shared = sold.Where(l => baskets.Contains(l.OrderId) && !excluded.Contains(l.ProductId))
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Orders = g.Select(l => l.OrderId).Distinct().Count() });
        return await (
                from p in Sellable(db)
                join s in shared on p.Id equals s.ProductId
                orderby s.Orders descending, p.Variants.AsQueryable().Select(v => v.Stock!).Any(StockLevels.HasAvailable) descending, p.SalesCount descending, p.Id
                select p.Id)
            .Take(Max).ToListAsync(cancellationToken);
    }

    private static Task<List<int>> BestsellersAsync(IQueryable<Product> products, int count, CancellationToken cancellationToken) =>
        products.OrderByDescending(p => p.Variants.AsQueryable().Select(v => v.Stock!).Any(StockLevels.HasAvailable)).ThenByDescending(p => p.SalesCount).ThenByDescending(p => p.Id)
            .Select(p => p.Id).Take(count).ToListAsync(cancellationToken);

    private static IQueryable<Product> Sellable(AppDbContext db) => StorefrontCatalog.Visible(db.Products);

    private sealed class SoldLine
    {
        public int OrderId { get; init; }
        public string? UserId { get; init; }
        public int ProductId { get; init; }
    }

    private static IQueryable<SoldLine> SoldLines(AppDbContext db) =>
        db.ShopOrders.Where(s => Bought.Contains(s.Status))
            .SelectMany(s => s.Lines, (s, l) => new SoldLine { OrderId = s.OrderId, UserId = s.Order!.UserId, ProductId = l.ProductId });
}
