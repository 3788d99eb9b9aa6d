using System.Text.Json;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Audit;

/// <summary>What to look for in the audit log; every part is optional.</summary>
public sealed record AuditQuery(
    string? Text = null, string? Action = null, string? SubjectType = null, string? SubjectId = null,
    int? ShopId = null, string? ActorId = null, DateTime? From = null, DateTime? To = null);

/// <summary>
/// The audit log. Entries are written through the caller's DbContext (<see cref="Record"/>), so an entry commits
/// or rolls back with the action it describes, exactly like an outbox event.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<PagedResult<AuditEntry>> SearchAsync(AuditQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action.StartsWith(query.Action));
        if (!string.IsNullOrWhiteSpace(query.SubjectType)) entries = entries.Where(e => e.SubjectType == query.SubjectType);
        if (!string.IsNullOrWhiteSpace(query.SubjectId)) entries = entries.Where(e => e.SubjectId == query.SubjectId);
        if (query.ShopId is { } shopId) entries = entries.Where(e => e.ShopId == shopId);
        if (!string.IsNullOrWhiteSpace(query.ActorId)) entries = entries.Where(e => e.ActorId == query.ActorId);
        if (query.From is { } from) entries = entries.Where(e => e.At >= from);
        if (query.To is { } to) entries = entries.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // Free text matches who, what and which thing; the JSON states are not searched (too big, too slow).
            // Case-insensitive on both providers the way the other admin searches are: lower() on each side (SQLite's
            // lower() folds ASCII letters only; PostgreSQL's, every letter).
            var text = query.Text.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.ActorName.ToLower().Contains(text) || e.Action.ToLower().Contains(text)
                || e.SubjectId.ToLower().Contains(text) || (e.Reason != null && e.Reason.ToLower().Contains(text)));
        }

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<AuditEntry>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// For each of a page of subjects, the reason of its latest entry with <paramref name="action"/> (e.g. why each locked
    /// user was locked), in one query. Subjects without such an entry are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string?>> LatestReasonsAsync(string action, string subjectType, IReadOnlyCollection<string> subjectIds,
        CancellationToken cancellationToken = default)
    {
        if (subjectIds.Count == 0) return new Dictionary<string, string?>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == action && e.SubjectType == subjectType && subjectIds.Contains(e.SubjectId))
            .OrderByDescending(e => e.Id).Select(e => new { e.SubjectId, e.Reason })
            .ToListAsync(cancellationToken);
        return entries.GroupBy(e => e.SubjectId).ToDictionary(g => g.Key, g => g.First().Reason);
    }
}

public static class AuditRecording
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an entry to the caller's DbContext; it is saved with the caller's own SaveChanges. before/after are
    /// serialised as JSON (pass small anonymous objects holding only what changed).
    /// </summary>
    public static AuditEntry Record(this AppDbContext db, AuditActor actor, string action, string subjectType, string subjectId,
        int? shopId = null, string? reason = null, object? before = null, object? after = null)
    {
        var entry = new AuditEntry
        {
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            ShopId = shopId,
            Reason = reason,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
