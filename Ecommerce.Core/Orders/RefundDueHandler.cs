using System.Text.Json;
using Ecommerce.Core.Events;

namespace Ecommerce.Core.Orders;

/// <summary>
/// Refunds a payment that arrived for an order that could no longer be filled (order.cancelled with reason
/// "refund-due") through <see cref="Refunds"/>, like every other refund: a refund row per shop order, counted before
/// the provider is asked under the key <c>refund-{id}</c>, recorded in the order's history and the audit log. A
/// redelivered event finds nothing left to refund.
/// </summary>
public sealed class RefundDueHandler(Refunds refunds) : IEventHandler
{
    public const string Reason = "refund-due";
    private const string Why = "The items sold out before the payment arrived";

    public bool Handles(string eventType) => eventType == EventTypes.OrderCancelled;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize<OrderEvent>(message.Payload, Outbox.Json)!;
        if (e.Reason != Reason) return;
        var settled = await refunds.RefundUnfillableOrderAsync(e.OrderId, Why, cancellationToken);
        // A refusal gave its amount back: failing the event has the dispatcher ask again later. A refund whose
        // provider could not be reached stays Pending for PendingRefundSweeper, under the same key.
        if (settled.FirstOrDefault(r => r.Status == RefundStatus.Failed) is { } refused)
            throw new InvalidOperationException($"Refund for order {e.Number} failed: {refused.FailureMessage}");
    }
}
