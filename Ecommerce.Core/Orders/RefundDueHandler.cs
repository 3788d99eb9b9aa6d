using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

/// <summary>
/// Refunds a payment that arrived for an order that could no longer be filled (order.cancelled with reason
/// "refund-due"). The refunded amount is counted with a conditional update first, and the provider call carries
/// an idempotency key, so a redelivered event refunds once.
/// </summary>
public sealed class RefundDueHandler(IDbContextFactory<AppDbContext> contexts, IPaymentGateway gateway) : IEventHandler
{
    public const string Reason = "refund-due";

    public bool Handles(string eventType) => eventType == EventTypes.OrderCancelled;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize<OrderEvent>(message.Payload, Outbox.Json)!;
        if (e.Reason != Reason) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == e.OrderId && p.Status == PaymentStatus.Succeeded, cancellationToken);
        if (payment?.ProviderPaymentId is null) return;
        var due = payment.Amount - payment.RefundedAmount;
        if (due > 0)
        {
            var counted = await db.Payments.Where(p => p.Id == payment.Id && p.RefundedAmount + due <= p.Amount)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount + due), cancellationToken);
            if (counted == 0) return;
        }
        // Asked again on a redelivery even if counted before: the provider answers the same key with the same refund.
        var result = await gateway.RefundAsync(payment.ProviderPaymentId, payment.Amount, payment.Currency, $"order-{e.OrderId}-refund-due", cancellationToken);
        if (!result.Succeeded) throw new InvalidOperationException($"Refund for order {e.Number} failed: {result.Message}");
    }
}
