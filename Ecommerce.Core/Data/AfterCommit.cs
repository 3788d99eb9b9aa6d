using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Core.Data;

/// <summary>
/// Work that must wait until what a context wrote is visible to others (waking the dispatcher, forgetting a cached
/// stock reading): done at once when no transaction is open, when the context's transaction commits otherwise, and
/// never if it rolls back or is dropped.
/// </summary>
public sealed class AfterCommit : DbTransactionInterceptor
{
    // Keyed by the provider's transaction object, so that one dropped unfinished takes its work with it; tagged with
    // EF's transaction id, because a provider may reuse the object for the connection's next transaction (Npgsql does).
    private readonly ConditionalWeakTable<DbTransaction, Pending> _pending = new();

    private sealed record Pending(Guid TransactionId, List<Action> Actions);

    public void Run(DbContext db, Action action)
    {
        if (db.Database.CurrentTransaction is not { } current)
        {
            action();
            return;
        }
        var transaction = current.GetDbTransaction();
        lock (_pending)
        {
            if (!_pending.TryGetValue(transaction, out var pending) || pending.TransactionId != current.TransactionId)
                _pending.AddOrUpdate(transaction, pending = new Pending(current.TransactionId, []));
            pending.Actions.Add(action);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => RunPending(transaction, eventData.TransactionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RunPending(transaction, eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Take(transaction, eventData.TransactionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(transaction, eventData.TransactionId);
        return Task.CompletedTask;
    }

    private void RunPending(DbTransaction transaction, Guid transactionId)
    {
        foreach (var action in Take(transaction, transactionId)) action();
    }

    /// <summary>The work waiting on this transaction, removed; none for an earlier transaction on a reused object.</summary>
    private List<Action> Take(DbTransaction transaction, Guid transactionId)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue(transaction, out var pending)) return [];
            _pending.Remove(transaction);
            return pending.TransactionId == transactionId ? pending.Actions : [];
        }
    }
}
