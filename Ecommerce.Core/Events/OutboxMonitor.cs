using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Events;

public sealed record OutboxCounts(int Pending, int Processing, int Failed, int Done);

/// <summary>Events not handled yet (pending, being handled, parked as failed) and when the oldest unhandled one happened.</summary>
public sealed record OutboxBacklog(int Pending, int Processing, int Failed, DateTime? OldestUnhandledAt);

/// <summary>
/// What admins see of the event pipeline: counts and parked events. Retrying them is <see cref="FailedEventRetries"/>,
/// so that every retry is audited.
/// </summary>
public sealed class OutboxMonitor(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<OutboxCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(OutboxStatus s) => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0;
        return new OutboxCounts(Of(OutboxStatus.Pending), Of(OutboxStatus.Processing), Of(OutboxStatus.Failed), Of(OutboxStatus.Done));
    }

    /// <summary>
    /// The backlog, for monitoring: one aggregate over the rows not done, found through the status index, so its cost
    /// follows the backlog rather than the table (done events are most of it).
    /// </summary>
    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Processing || m.Status == OutboxStatus.Failed)
            .GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count(), Oldest = g.Min(m => m.OccurredAt) })
            .ToListAsync(cancellationToken);
        int Of(OutboxStatus s) => open.FirstOrDefault(c => c.Status == s)?.Count ?? 0;
        var unhandled = open.Where(c => c.Status != OutboxStatus.Failed).Select(c => (DateTime?)c.Oldest).Min();
        return new OutboxBacklog(Of(OutboxStatus.Pending), Of(OutboxStatus.Processing), Of(OutboxStatus.Failed), unhandled);
    }

    public async Task<PagedResult<OutboxMessage>> FailedAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(m => m.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<OutboxMessage>(items, total, page.Page, page.PageSize);
    }
}
