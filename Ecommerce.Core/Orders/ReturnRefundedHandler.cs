using System.Text.Json;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

/// <summary>
/// Completes an approved return from its refund's shop-order.refunded event: the approval completes it at once, and
/// this catches the case where the process stopped between the refund's confirmation and that step (or a Pending
/// refund was confirmed later). <see cref="Returns.CompleteAsync"/> is idempotent.
/// </summary>
public sealed class ReturnRefundedHandler(IDbContextFactory<AppDbContext> contexts, Returns returns) : IEventHandler
{
    public bool Handles(string eventType) => eventType == EventTypes.ShopOrderRefunded;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize<RefundEvent>(message.Payload, Outbox.Json)!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var refund = await db.Refunds.AsNoTracking().Where(r => r.Id == e.RefundId && r.ReturnRequestId != null)
            .Select(r => new { ReturnId = r.ReturnRequestId!.Value, r.ActorId, r.ActorName }).FirstOrDefaultAsync(cancellationToken);
        if (refund is null) return;
        await returns.CompleteAsync(refund.ReturnId, e.RefundId, new AuditActor(refund.ActorId, refund.ActorName), cancellationToken);
    }
}
