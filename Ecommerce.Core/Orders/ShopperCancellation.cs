using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

/// <summary>
/// A shopper cancelling their own order before anything has shipped: every shop order is cancelled the way a
/// merchant would (stock back on sale, that part refunded through the provider). Once a shop has shipped, the
/// order can no longer be cancelled here (returns are the way then).
/// </summary>
public sealed class ShopperCancellation(IDbContextFactory<AppDbContext> contexts, MerchantOrders merchantOrders)
{
    private static readonly OrderStatus[] Cancellable = [OrderStatus.Paid, OrderStatus.Processing];

    public static bool CanCancel(OrderStatus orderStatus, IEnumerable<OrderStatus> shopOrderStatuses) =>
        Cancellable.Contains(orderStatus) && shopOrderStatuses.All(s => Cancellable.Contains(s) || s == OrderStatus.Cancelled);

    /// <summary>Cancels every live shop order of the order; returns their refunds (a refused one comes back Failed).</summary>
    public async Task<IReadOnlyList<Refund>> CancelAsync(string userId, string number, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().Where(o => o.Number == number && o.UserId == userId)
            .Select(o => new { o.Status, AnyShipped = o.ShopOrders.Any(s => s.Lines.Any(l => l.QuantityShipped > 0)), ShopOrders = o.ShopOrders.Select(s => new { s.Id, s.ShopId, s.Status }).ToList() })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"Order {number}");
        // A parcel sent by any shop ends cancelling (checked for all shops first, so the order is never half cancelled by it).
        if (order.AnyShipped || !CanCancel(order.Status, order.ShopOrders.Select(s => s.Status)))
            throw new ConflictException(order.Status == OrderStatus.PendingPayment
                ? "The payment is still being confirmed; try again in a moment."
                : "This order can no longer be cancelled: part of it has shipped. You can request a return once it arrives.");
        var why = string.IsNullOrWhiteSpace(reason) ? "Cancelled by the shopper" : $"Cancelled by the shopper: {reason.Trim()}";
        var shopper = new AuditActor(userId, "shopper");
        var refunds = new List<Refund>();
        foreach (var shopOrder in order.ShopOrders.Where(s => s.Status != OrderStatus.Cancelled))
            if (await merchantOrders.CancelAsync(shopOrder.ShopId, shopOrder.Id, why.Length > 500 ? why[..500] : why, shopper, cancellationToken) is { } refund)
                refunds.Add(refund);
        return refunds;
    }
}
