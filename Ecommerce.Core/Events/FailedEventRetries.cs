using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Events;

/// <summary>
/// An admin puts parked (failed) events back in the queue: one, or all of them. The requeue and its audit entry
/// commit together; the dispatcher on this node is woken at once.
/// </summary>
public sealed class FailedEventRetries(IDbContextFactory<AppDbContext> contexts, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Requeues event <paramref name="id"/>, or every failed event when it is null; returns how many.</summary>
    public async Task<int> RetryAsync(AuditActor admin, long? id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (id is { } one && !await db.OutboxMessages.AnyAsync(m => m.Id == one && m.Status == OutboxStatus.Failed, cancellationToken))
            throw new NotFoundException($"Failed event {one}");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Failed && (id == null || m.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        if (count == 0) return 0; // nothing was parked (or another admin retried them first): nothing to record
        db.Record(admin, id is null ? "events.retried-all" : "event.retried", "event", id?.ToString() ?? "*", after: new { requeued = count });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return count;
    }
}
