using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ecommerce.Core.Events;

/// <summary>
/// Wakes this node's dispatcher as soon as a transaction that wrote outbox events commits, so events are handled
/// in milliseconds rather than at the next poll. Other nodes still find them by polling.
/// </summary>
public sealed class OutboxSignal(AfterCommit afterCommit) : SaveChangesInterceptor
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfOutboxWritten(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxWritten(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void NotifyIfOutboxWritten(DbContext? context)
    {
        // Inside an explicit transaction the events are not visible until it commits: wake the dispatcher then.
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any()) afterCommit.Run(context, Notify);
    }
}
