using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Orders;

/// <summary>
/// What a payment's outcome does to an order: success turns its reservations into a sale and the order to paid;
/// failure or expiry gives the stock, flash-sale units and coupon uses back. Each step starts with a conditional
/// update of the payment or the order, so a second delivery of the same outcome changes nothing.
/// </summary>
public sealed class OrderPayments(IDbContextFactory<AppDbContext> contexts, StockReservations reservations, TimeProvider clock, ILogger<OrderPayments> logger)
{
    /// <summary>
    /// Applies a success notice once it is believed (<see cref="MismatchOf"/>); one that does not match the payment
    /// throws <see cref="PaymentMismatchException"/>, so the outbox retries it and then parks it for an admin, and the
    /// order is not paid.
    /// </summary>
    public async Task SucceededAsync(PaymentNotice notice, CancellationToken cancellationToken = default)
    {
        var (orderId, providerPaymentId) = (notice.OrderId, notice.ProviderPaymentId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await BelieveAsync(db, notice, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Now;
        // Not only a pending payment: money can arrive after the order expired or a first attempt failed (the
        // shopper retried at the provider), and is never ignored. Only a second delivery of a success does nothing.
        // The provider id is part of the condition: a payment that got another id meanwhile is not this notice's.
        var won = await db.Payments.Where(p => p.OrderId == orderId && p.Status != PaymentStatus.Succeeded
                && (providerPaymentId == null || p.ProviderPaymentId == null || p.ProviderPaymentId == providerPaymentId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded).SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.ProviderPaymentId, p => p.ProviderPaymentId ?? providerPaymentId), cancellationToken);
        if (won == 0) return; // already applied: nothing to do twice

        var order = await LoadAsync(db, orderId, cancellationToken);
        // Money for an order that failed or expired meanwhile is a late payment: it is paid if its stock can be taken
        // again, else refunded. Any other state (a cancelled order) takes no late payment: refunded.
        if (order.Status != OrderStatus.PendingPayment)
        {
            logger.LogWarning("Payment for order {Number} arrived while it was {Status}", order.Number, order.Status);
            if (!order.IsLapsed)
            {
                await transaction.RollbackAsync(cancellationToken);
                await CancelUnfulfillableAsync(orderId, providerPaymentId, cancellationToken);
                return;
            }
        }
        var ordered = order.ShopOrders.SelectMany(s => s.Lines).GroupBy(l => l.VariantId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var missing = await reservations.CommitOrderAsync(db, orderId, ordered, cancellationToken);
        if (missing.Count > 0)
        {
            // Nothing can be shipped in full: roll back the stock taken, and cancel with a refund due.
            await transaction.RollbackAsync(cancellationToken);
            await CancelUnfulfillableAsync(orderId, providerPaymentId, cancellationToken);
            return;
        }

        if (order.IsLapsed) order.AcceptLatePayment(now);
        else order.Pay(now);
        foreach (var (variantId, quantity) in ordered)
        {
            var productId = order.ShopOrders.SelectMany(s => s.Lines).First(l => l.VariantId == variantId).ProductId;
            await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SalesCount, p => p.SalesCount + quantity), cancellationToken);
            db.Enqueue(EventTypes.StockChanged, new StockChangedEvent(productId, variantId, -1, $"Sold in order {order.Number}"));
        }
        db.Enqueue(EventTypes.OrderPaid, new OrderEvent(order.Id, order.Number));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A failure notice for another PaymentIntent than the payment's does not fail the order either.</summary>
    public async Task FailedAsync(PaymentNotice notice, CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            await BelieveAsync(db, notice, cancellationToken);
        await FailedAsync(notice.OrderId, notice.Code, notice.Message, cancellationToken);
    }

    public async Task FailedAsync(int orderId, string? code, string? message, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Now;
        var won = await db.Payments.Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Failed).SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.FailureCode, code).SetProperty(p => p.FailureMessage, Truncate(message, 300)), cancellationToken);
        if (won == 0) return;
        var order = await LoadAsync(db, orderId, cancellationToken);
        if (order.Status != OrderStatus.PendingPayment) { await transaction.CommitAsync(cancellationToken); return; }
        await GiveBackAsync(db, order, ReservationStatus.Released, cancellationToken);
        order.FailPayment(message ?? code ?? "The payment failed", now);
        db.Enqueue(EventTypes.OrderPaymentFailed, new OrderEvent(order.Id, order.Number, message));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record PaymentRecord(string Provider, string? ProviderPaymentId, decimal Amount, string Currency);

    private async Task BelieveAsync(AppDbContext db, PaymentNotice notice, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().Where(p => p.OrderId == notice.OrderId)
            .Select(p => new PaymentRecord(p.Provider, p.ProviderPaymentId, p.Amount, p.Currency)).FirstOrDefaultAsync(cancellationToken);
        if (MismatchOf(notice, payment) is not { } mismatch) return;
        logger.LogWarning("Payment notice {EventId} for order {OrderId} not believed: {Mismatch}", notice.EventId, notice.OrderId, mismatch);
        throw new PaymentMismatchException($"Payment notice {notice.EventId} for order {notice.OrderId} was not applied: {mismatch}");
    }

    /// <summary>
    /// Why a notice does not match the order's payment record, or null when it does. A notice that states an
    /// amount (a provider's webhook does) must come from the payment's provider with exactly its amount and currency; a
    /// provider id must be the payment's once it has one. Before the checkout stored the id (a webhook can overtake the
    /// checkout's own answer) amount and currency are what can be checked.
    /// </summary>
    private static string? MismatchOf(PaymentNotice notice, PaymentRecord? payment)
    {
        if (payment is null) return "the order has no payment";
        if (notice.Amount is not null || notice.Currency is not null)
        {
            if (!string.Equals(notice.Provider, payment.Provider, StringComparison.OrdinalIgnoreCase))
                return $"it comes from {notice.Provider}, the payment is with {payment.Provider}";
            if (!string.Equals(notice.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase) || notice.Amount != payment.Amount)
                return $"it reports {notice.Amount} {notice.Currency?.ToUpperInvariant()}, the payment is {payment.Amount} {payment.Currency}";
            if (notice.ProviderPaymentId is null) return "it names no provider payment";
        }
        if (notice.ProviderPaymentId is not null && payment.ProviderPaymentId is not null && notice.ProviderPaymentId != payment.ProviderPaymentId)
            return $"it is for {notice.ProviderPaymentId}, the payment is {payment.ProviderPaymentId}";
        return null;
    }

    /// <summary>An unpaid order past its deadline: expired, its stock and claims given back.</summary>
    public async Task<bool> ExpireAsync(int orderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Now;
        var won = await db.Payments.Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Failed).SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.FailureCode, "expired").SetProperty(p => p.FailureMessage, "No payment before the deadline"), cancellationToken);
        if (won == 0) return false;
        var order = await LoadAsync(db, orderId, cancellationToken);
        if (order.Status != OrderStatus.PendingPayment) { await transaction.CommitAsync(cancellationToken); return false; }
        await GiveBackAsync(db, order, ReservationStatus.Expired, cancellationToken);
        order.Expire(now);
        db.Enqueue(EventTypes.OrderExpired, new OrderEvent(order.Id, order.Number));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task CancelUnfulfillableAsync(int orderId, string? providerPaymentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Now;
        // The money was taken: the payment is succeeded (and refund due), so a redelivered notice does nothing.
        var won = await db.Payments.Where(p => p.OrderId == orderId && p.Status != PaymentStatus.Succeeded)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded).SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.ProviderPaymentId, p => p.ProviderPaymentId ?? providerPaymentId), cancellationToken);
        if (won == 0) return; // another delivery of this success got here first
        var order = await LoadAsync(db, orderId, cancellationToken);
        const string why = "The items sold out before the payment arrived; the payment will be refunded";
        if (order.Status == OrderStatus.PendingPayment)
        {
            await GiveBackAsync(db, order, ReservationStatus.Released, cancellationToken);
            order.CancelUnpaid(why, now);
        }
        else // already failed, expired or cancelled (its stock and coupon went back then): only the refund is left to do
            order.RefuseLatePayment(why, now);
        db.Enqueue(EventTypes.OrderCancelled, new OrderEvent(order.Id, order.Number, RefundDueHandler.Reason));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Order {Number} paid ({Payment}) after its stock was gone: cancelled, refund due", order.Number, providerPaymentId);
    }

    /// <summary>Stock, flash-sale units and coupon uses go back.</summary>
    private async Task GiveBackAsync(AppDbContext db, Order order, ReservationStatus status, CancellationToken cancellationToken)
    {
        await reservations.ReleaseOrderAsync(db, order.Id, status, cancellationToken);
        foreach (var shopOrder in order.ShopOrders.Where(s => s.CouponId != null))
            await Checkout.CouponUses.GiveBackAsync(db, shopOrder.CouponId!.Value, order.CustomerKey, cancellationToken);
    }

    private static Task<Order> LoadAsync(AppDbContext db, int orderId, CancellationToken cancellationToken) =>
        db.Orders.Include(o => o.ShopOrders).ThenInclude(s => s.Lines).AsSplitQuery().SingleAsync(o => o.Id == orderId, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>A payment notice that does not match the payment it names (amount, currency or provider id): never applied.</summary>
public sealed class PaymentMismatchException(string message) : Exception(message);
