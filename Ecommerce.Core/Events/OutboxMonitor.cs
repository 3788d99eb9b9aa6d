using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Events;

public sealed record OutboxCounts(int Pending, int Processing, int Failed, int Done);

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

    public async Task<PagedResult<OutboxMessage>> FailedAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(m => m.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<OutboxMessage>(items, total, page.Page, page.PageSize);
    }
}
