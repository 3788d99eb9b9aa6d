using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Analytics;

public sealed record SalesDay(DateOnly Day, decimal Revenue, int Orders);
public sealed record TopProduct(int ProductId, string Name, int Units, decimal Revenue);
public sealed record LowStockVariant(int ProductId, string ProductName, string Sku, int Available);
public sealed record SalesSummary(
    IReadOnlyList<SalesDay> Days, decimal Revenue, int Orders, IReadOnlyList<TopProduct> TopProducts,
    IReadOnlyList<LowStockVariant> LowStock, int Views, double ConversionPercent);

/// <summary>
/// A merchant's sales at a glance for one shop: revenue (net of refunds, on the day the order was paid) and paid
/// orders per day, top products, variants running low, and views-to-orders conversion. A few grouped queries,
/// whatever the number of orders.
/// </summary>
public sealed class SalesDashboard(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int LowStockThreshold = 5;
    /// <summary>Paid and neither cancelled nor wholly refunded (a partial refund leaves the status as it was).</summary>
    private static readonly OrderStatus[] Sold = [.. OrderTransitions.CountsAsSold];

    public async Task<SalesSummary> ForShopAsync(int shopId, int days = 30, CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 365);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-(days - 1));
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var sold = db.ShopOrders.AsNoTracking().Where(s => s.ShopId == shopId && Sold.Contains(s.Status) && s.Order!.PaidAt >= since);
        // Grouped in memory by day: a shop's month of orders is small, and day truncation differs between providers.
        var orders = await sold.Select(s => new { s.Order!.PaidAt, Total = s.Total - s.RefundedAmount }).ToListAsync(cancellationToken);
        var byDay = orders.GroupBy(o => DateOnly.FromDateTime(o.PaidAt!.Value)).ToDictionary(g => g.Key, g => (Revenue: g.Sum(o => o.Total), Orders: g.Count()));
        var series = Enumerable.Range(0, days).Select(i => from.AddDays(i))
            .Select(d => byDay.TryGetValue(d, out var x) ? new SalesDay(d, x.Revenue, x.Orders) : new SalesDay(d, 0, 0)).ToList();

        var top = await db.OrderLines.AsNoTracking().Where(l => sold.Any(s => s.Id == l.ShopOrderId))
            .GroupBy(l => new { l.ProductId, l.ProductName })
            .Select(g => new { g.Key.ProductId, g.Key.ProductName, Units = g.Sum(l => l.Quantity), Revenue = g.Sum(l => l.LineTotal) })
            .OrderByDescending(g => g.Units).Take(5).ToListAsync(cancellationToken);

        var lowStock = await (
            from v in db.ProductVariants.AsNoTracking().Where(v => v.Product!.ShopId == shopId && v.Product.Status == Catalog.ProductStatus.Active)
            join s in db.StockItems.Availability() on v.Id equals s.VariantId
            where s.Units <= LowStockThreshold
            orderby s.Units, v.Id
            select new LowStockVariant(v.ProductId, v.Product!.Name, v.Sku, s.Units)).Take(10).ToListAsync(cancellationToken);

        var views = await db.Set<ProductViewDay>().AsNoTracking()
            .Where(v => v.Day >= from && db.Products.Any(p => p.Id == v.ProductId && p.ShopId == shopId))
            .SumAsync(v => (int?)v.Views, cancellationToken) ?? 0;
        var orderCount = series.Sum(d => d.Orders);
        return new SalesSummary(series, series.Sum(d => d.Revenue), orderCount,
            top.Select(t => new TopProduct(t.ProductId, t.ProductName, t.Units, t.Revenue)).ToList(), lowStock, views,
            views == 0 ? 0 : Math.Round(100.0 * orderCount / views, 2));
    }
}
