using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Pricing;

/// <summary>
/// The lowest live flash-sale price of each product on sale, for list cards: the index stores a product's regular
/// price, and a card during a sale must show the sale price, as the deal card and checkout do. One read of the live
/// sales (as many rows as sales are running, whatever the catalogue's size) serves every card of the next second on
/// this node; a sale that ends meanwhile stops counting at once. Checkout reprices from the database. While the
/// database is away the last snapshot serves (its sales still end on time).
/// </summary>
public sealed class LiveSalePrices(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, DatabaseReachability database)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot _snapshot = new(DateTime.MinValue, new Dictionary<int, (decimal, DateTime)>());

    private sealed record Snapshot(DateTime ReadAt, IReadOnlyDictionary<int, (decimal Price, DateTime EndsAt)> Sales);

    /// <summary>The sale price live now for each of these products that has one.</summary>
    public async Task<IReadOnlyDictionary<int, decimal>> ForAsync(IEnumerable<int> productIds, CancellationToken cancellationToken = default)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var prices = new Dictionary<int, decimal>();
        foreach (var id in productIds)
            if (snapshot.Sales.TryGetValue(id, out var sale) && sale.EndsAt > now) prices[id] = sale.Price;
        return prices;
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - snapshot.ReadAt < MaxAge) return snapshot;
        // One reader refreshes; the others keep the last snapshot meanwhile (unless there is none yet).
        if (!await _refresh.WaitAsync(snapshot.ReadAt == DateTime.MinValue ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken)) return snapshot;
        try
        {
            if (now - _snapshot.ReadAt < MaxAge) return _snapshot;
            var last = _snapshot;
            return await database.ReadOrAsync(async () =>
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var live = await db.FlashSales.AsNoTracking().Where(FlashSale.LiveAt(now))
                    .Select(f => new { f.ProductId, f.SalePrice, f.EndsAt }).ToListAsync(cancellationToken);
                // Per product: the lowest price (the card's "from" price), and the earliest end of the sales at that price.
                var sales = live.GroupBy(f => f.ProductId).ToDictionary(g => g.Key, g =>
                {
                    var lowest = g.Min(f => f.SalePrice);
                    return (lowest, g.Where(f => f.SalePrice == lowest).Min(f => f.EndsAt));
                });
                return _snapshot = new Snapshot(now, sales);
            }, () => last);
        }
        finally
        {
            _refresh.Release();
        }
    }
}
