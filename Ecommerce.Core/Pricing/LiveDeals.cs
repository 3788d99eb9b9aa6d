using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Pricing;

/// <summary>A flash sale as shoppers see it: the product card, the sale price, when it ends and how many are left.</summary>
public sealed record Deal(ProductCard Product, int? VariantId, decimal SalePrice, DateTime EndsAt, int? Left);

/// <summary>
/// Flash sales live right now, for the home page and product pages (checkout enforces them). None are shown while the
/// database is away: what is left at the sale price cannot be known, and nothing can be bought meanwhile.
/// </summary>
public sealed class LiveDeals(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, DatabaseReachability database)
{
    /// <summary>Live deals ending soonest first, one per product.</summary>
    public Task<IReadOnlyList<Deal>> NowAsync(int count, CancellationToken cancellationToken = default) => database.ReadOrAsync(async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deals = await Live(db).OrderBy(f => f.EndsAt).Take(Math.Clamp(count, 1, 50) * 2).ToListAsync(cancellationToken);
        return await ToDealsAsync(db, deals.DistinctBy(d => d.ProductId).Take(count).ToList(), cancellationToken);
    }, () => []);

    /// <summary>The live deals of one product (one per variant, or one for all variants).</summary>
    public Task<IReadOnlyList<Deal>> ForProductAsync(int productId, CancellationToken cancellationToken = default) => database.ReadOrAsync(async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deals = await Live(db).Where(f => f.ProductId == productId).OrderBy(f => f.EndsAt).ToListAsync(cancellationToken);
        return await ToDealsAsync(db, deals, cancellationToken);
    }, () => []);

    private IQueryable<FlashSale> Live(AppDbContext db)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A correlated EXISTS (one primary-key look-up per live sale), not IN (every sold product): SQLite built
        // the IN list of the whole catalogue on each call, 2.5 s with 100,000 products.
        var sold = db.Products.WhereSold();
        return db.FlashSales.AsNoTracking().Where(FlashSale.LiveAt(now)).Where(f => sold.Any(p => p.Id == f.ProductId));
    }

    private static async Task<IReadOnlyList<Deal>> ToDealsAsync(AppDbContext db, List<FlashSale> deals, CancellationToken cancellationToken)
    {
        if (deals.Count == 0) return [];
        var ids = deals.Select(d => d.ProductId).Distinct().ToList();
        var cards = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(StorefrontCatalog.CardProjection).ToDictionaryAsync(c => c.Id, cancellationToken);
        return deals.Where(d => cards.ContainsKey(d.ProductId))
            .Select(d => new Deal(cards[d.ProductId], d.VariantId, d.SalePrice, d.EndsAt, d.QuantityCap - d.SoldCount)).ToList();
    }
}
