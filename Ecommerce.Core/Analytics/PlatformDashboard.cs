using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Search;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Analytics;

/// <summary>One day of gross merchandise value in one currency: what the orders paid that day came to, net of their refunds.</summary>
public sealed record GmvDay(DateOnly Day, string Currency, decimal Total, int Orders);
/// <summary>A count per day (new users, shops that sold something).</summary>
public sealed record CountDay(DateOnly Day, int Count);
public sealed record PipelineHealth(int Pending, int Processing, int Failed, TimeSpan? OldestPendingAge);
public sealed record SearchHealth(long Documents, long EventsBehind, DateTime? LastWrittenAt);

public sealed record PlatformSummary(
    int Days, DateOnly From, DateOnly To,
    IReadOnlyList<GmvDay> Gmv, IReadOnlyList<CountDay> PaidOrders, IReadOnlyList<CountDay> NewUsers, IReadOnlyList<CountDay> SellingShops,
    int ActiveShops, PipelineHealth Pipeline, SearchHealth Search);

/// <summary>
/// The admin dashboard: GMV and paid orders per day, new users per day, shops that sold per day, the shops open now,
/// the event pipeline's backlog and this node's search index. Each series is one grouped query (grouped by day in
/// the database, on both providers), whatever the number of orders; days without rows are filled with zeros here.
/// </summary>
public sealed class PlatformDashboard(IDbContextFactory<AppDbContext> contexts, OutboxMonitor outbox, ProductSearchIndex index, SearchIndexer indexer, TimeProvider clock)
{
    public static readonly int[] Ranges = [7, 30, 90];

    /// <summary>What counts as sold: the same shop orders as on the merchants' sales dashboard.</summary>
    private static readonly OrderStatus[] Sold = [.. OrderTransitions.CountsAsSold];

    public async Task<PlatformSummary> SummaryAsync(int days = 30, CancellationToken cancellationToken = default)
    {
        if (!Ranges.Contains(days)) throw Common.ValidationException.For("days", "must be 7, 30 or 90");
        var now = clock.GetUtcNow().UtcDateTime;
        var to = DateOnly.FromDateTime(now);
        var from = to.AddDays(-(days - 1));
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Summed over shop orders: a cancelled shop's part of a live order is not sold, and refunds are taken off.
        var sold = db.ShopOrders.AsNoTracking().Where(s => Sold.Contains(s.Status) && s.Order!.PaidAt >= since);
        var gmvRows = await sold.GroupBy(s => new { Day = s.Order!.PaidAt!.Value.Date, s.Order.Currency })
            .Select(g => new { g.Key.Day, g.Key.Currency, Total = g.Sum(s => s.Total - s.RefundedAmount), Orders = g.Select(s => s.OrderId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var userRows = await db.Users.AsNoTracking().Where(u => u.CreatedAt >= since)
            .GroupBy(u => u.CreatedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var shopRows = await sold.GroupBy(s => s.Order!.PaidAt!.Value.Date)
            .Select(g => new { Day = g.Key, Count = g.Select(s => s.ShopId).Distinct().Count() }).ToListAsync(cancellationToken);
        var activeShops = await db.Shops.CountAsync(s => s.Status == ShopStatus.Active, cancellationToken);

        var oldestPending = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending)
            .MinAsync(m => (DateTime?)m.OccurredAt, cancellationToken);
        var counts = await outbox.CountsAsync(cancellationToken);
        var status = index.Status();
        var behind = await indexer.PendingEventsAsync(cancellationToken);

        var dayList = Enumerable.Range(0, days).Select(from.AddDays).ToList();
        var gmv = gmvRows.Select(r => new GmvDay(DateOnly.FromDateTime(r.Day), r.Currency, r.Total, r.Orders))
            .OrderBy(r => r.Day).ThenBy(r => r.Currency).ToList();
        var paidOrders = Fill(dayList, gmvRows.GroupBy(r => DateOnly.FromDateTime(r.Day)).ToDictionary(g => g.Key, g => g.Sum(r => r.Orders)));
        var newUsers = Fill(dayList, userRows.ToDictionary(r => DateOnly.FromDateTime(r.Day), r => r.Count));
        var sellingShops = Fill(dayList, shopRows.ToDictionary(r => DateOnly.FromDateTime(r.Day), r => r.Count));

        return new PlatformSummary(days, from, to, gmv, paidOrders, newUsers, sellingShops, activeShops,
            new PipelineHealth(counts.Pending, counts.Processing, counts.Failed, oldestPending is { } o ? Max(now - DateTime.SpecifyKind(o, DateTimeKind.Utc), TimeSpan.Zero) : null),
            new SearchHealth(status.Documents, behind, status.LastBuiltAt));
    }

    private static List<CountDay> Fill(List<DateOnly> days, Dictionary<DateOnly, int> counts) =>
        days.Select(d => new CountDay(d, counts.GetValueOrDefault(d))).ToList();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
