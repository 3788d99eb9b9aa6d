using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Events;

/// <summary>
/// Delivers outbox events to their handlers, at least once. A batch is claimed with one statement (on PostgreSQL
/// with FOR UPDATE SKIP LOCKED, so several nodes never take the same event); a claim is a lease that expires, so
/// the events of a node that died mid-batch are taken again. A failed event is retried with exponential backoff
/// and parked as Failed after <see cref="OutboxOptions.MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<AppDbContext> contexts,
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Who holds a claim: unique per dispatcher instance, so two processes on one host never mix up claims.</summary>
    public string NodeId { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Claims one batch of due events and processes it. Returns how many events were processed.</summary>
    public Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default) => DispatchOnceAsync(NodeId, cancellationToken);

    /// <summary>
    /// The same under a claim id of the caller's: each of a node's dispatch loops claims as its own
    /// (<see cref="OutboxDispatcherService"/>), so one loop never completes or fails a batch another loop took over
    /// after its lease ran out.
    /// </summary>
    public async Task<int> DispatchOnceAsync(string claimant, CancellationToken cancellationToken)
    {
        var batch = await ClaimBatchAsync(claimant, cancellationToken);
        var done = new List<long>(batch.Count);
        try
        {
            foreach (var message in batch)
            {
                if (await ProcessAsync(message, claimant, cancellationToken)) done.Add(message.Id);
            }
        }
        finally
        {
            // Also on shutdown mid-batch: what was handled is recorded as done, the rest waits out the lease.
            await CompleteAsync(done, claimant, CancellationToken.None);
        }
        return batch.Count;
    }

    /// <summary>Dispatches until nothing is due (tests and the command line use this).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int processed;
        while ((processed = await DispatchOnceAsync(cancellationToken)) > 0) total += processed;
        return total;
    }

    private async Task<List<OutboxMessage>> ClaimBatchAsync(string claimant, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = db.IsSqlServer
            ? await db.Database.SqlQueryRaw<long>(SqlServer.ClaimBatch, now + settings.LeaseDuration, claimant, now,
                (int)OutboxStatus.Pending, (int)OutboxStatus.Processing, settings.BatchSize).ToListAsync(cancellationToken)
            : await ClaimIdsAsync(db, settings, claimant, now, cancellationToken);
        if (ids.Count == 0) return [];
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private static Task<List<long>> ClaimIdsAsync(AppDbContext db, OutboxOptions settings, string claimant, DateTime now, CancellationToken cancellationToken)
    {
        var lockClause = db.IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        // One statement claims the batch; SQLite serialises writers, PostgreSQL skips rows another node holds.
        // Only constants are interpolated (enum values, the batch size, a fixed clause); values are parameters.
#pragma warning disable EF1002
        return db.Database.SqlQueryRaw<long>($$"""
            UPDATE outbox_messages
               SET status = {{(int)OutboxStatus.Processing}}, locked_until = {0}, locked_by = {1}
             WHERE id IN (SELECT id FROM outbox_messages
                           WHERE (status = {{(int)OutboxStatus.Pending}} AND next_attempt_at <= {2})
                              OR (status = {{(int)OutboxStatus.Processing}} AND locked_until < {2})
                           ORDER BY id
                           LIMIT {{settings.BatchSize}} {{lockClause}})
            RETURNING id AS "Value"
            """, now + settings.LeaseDuration, claimant, now).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    [SqlServerStatements]
    internal static class SqlServer
    {
        // The batch is the first due rows this node can lock: UPDLOCK holds them until the update, READPAST skips rows
        // another node holds (its claim in flight), ROWLOCK keeps the locks to those rows so nodes do not block each other.
        public const string ClaimBatch = """
            WITH batch AS (
                SELECT TOP ({5}) id, status, locked_until, locked_by
                  FROM outbox_messages WITH (UPDLOCK, READPAST, ROWLOCK)
                 WHERE (status = {3} AND next_attempt_at <= {2})
                    OR (status = {4} AND locked_until < {2})
                 ORDER BY id)
            UPDATE batch
               SET status = {4}, locked_until = {0}, locked_by = {1}
            OUTPUT inserted.id AS [Value];
            """;
    }

    /// <summary>Runs the event's handlers; true when they all succeeded (a failure is recorded for a retry at once).</summary>
    private async Task<bool> ProcessAsync(OutboxMessage message, string claimant, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var handler in scope.ServiceProvider.GetServices<IEventHandler>())
            {
                if (handler.Handles(message.Type))
                    await handler.HandleAsync(message, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = e.ToString();
            logger.LogWarning(e, "Event {Id} ({Type}) failed on attempt {Attempt}", message.Id, message.Type, message.Attempts + 1);
        }
        if (error is null) return true;
        await FailAsync(message, error, claimant, cancellationToken);
        return false;
    }

    /// <summary>
    /// Marks the batch's handled events done in one statement rather than one per event. A node that dies before it
    /// runs leaves them claimed: after the lease they are delivered again, which idempotent handlers allow.
    /// </summary>
    private async Task CompleteAsync(List<long> ids, string claimant, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LockedBy == claimant && m.Status == OutboxStatus.Processing)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Done)
                .SetProperty(m => m.ProcessedAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), cancellationToken);
    }

    private async Task FailAsync(OutboxMessage message, string error, string claimant, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == claimant && m.Status == OutboxStatus.Processing);
        var attempts = message.Attempts + 1;
        var parked = attempts >= settings.MaxAttempts;
        var delay = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, parked ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, now + delay)
            .SetProperty(m => m.LastError, error.Length > 8000 ? error[..8000] : error)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), cancellationToken);
        if (parked) logger.LogError("Event {Id} ({Type}) parked as failed after {Attempts} attempts", message.Id, message.Type, attempts);
    }
}
