using System.Globalization;
using System.Text;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Events;

/// <summary>
/// Where a reader of the outbox is: every id up to <see cref="Through"/> has been read, given up on, or is listed in
/// <see cref="Holes"/> (ids not committed when a higher id was read, each with when it was first noticed).
/// "The highest id read" alone is not a safe checkpoint: on PostgreSQL and SQL Server a transaction that took id 41
/// can commit after the one that took id 42.
/// <para>As a string (<see cref="ToString"/>, <see cref="Parse"/>): <c>{through}</c>, then one
/// <c>;{noticed, Unix seconds}={id},{id},...</c> group per moment holes were noticed, e.g. <c>1042;1733500000=1039,1041</c>.
/// A bare number is a position without holes, so an old "max id" checkpoint reads as one.</para>
/// </summary>
public sealed class OutboxPosition : IEquatable<OutboxPosition>
{
    public static readonly OutboxPosition Start = new(0, []);

    public OutboxPosition(long through, IEnumerable<OutboxHole> holes)
    {
        Through = through;
        Holes = holes.OrderBy(h => h.Id).ToList();
        if (Holes.Any(h => h.Id <= 0 || h.Id >= through) || Holes.Select(h => h.Id).Distinct().Count() != Holes.Count)
            throw new ArgumentException("Holes must be distinct ids below the position's last id.", nameof(holes));
    }

    /// <summary>The highest id read.</summary>
    public long Through { get; }

    /// <summary>Ids below <see cref="Through"/> not committed yet when last looked at, lowest first.</summary>
    public IReadOnlyList<OutboxHole> Holes { get; }

    /// <summary>Every id up to this one has been read or given up on (the low-water mark).</summary>
    public long LowWaterMark => Holes.Count > 0 ? Holes[0].Id - 1 : Through;

    public override string ToString()
    {
        var text = new StringBuilder(Through.ToString(CultureInfo.InvariantCulture));
        foreach (var group in Holes.GroupBy(h => h.NoticedAt.ToUnixTimeSeconds()).OrderBy(g => g.Key))
            text.Append(';').Append(group.Key.ToString(CultureInfo.InvariantCulture)).Append('=')
                .AppendJoin(',', group.Select(h => h.Id.ToString(CultureInfo.InvariantCulture)));
        return text.ToString();
    }

    /// <summary>The position a string of <see cref="ToString"/> stands for; null or empty is <see cref="Start"/>.</summary>
    public static OutboxPosition Parse(string? text) =>
        TryParse(text, out var position) ? position : throw new FormatException($"Not an outbox position: '{text}'.");

    public static bool TryParse(string? text, out OutboxPosition position)
    {
        position = Start;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split(';');
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var through)) return false;
        var holes = new List<OutboxHole>();
        foreach (var part in parts.Skip(1))
        {
            var at = part.Split('=');
            if (at.Length != 2 || !long.TryParse(at[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)) return false;
            DateTimeOffset noticed;
            try { noticed = DateTimeOffset.FromUnixTimeSeconds(seconds); }
            catch (ArgumentOutOfRangeException) { return false; }
            foreach (var id in at[1].Split(','))
            {
                if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var hole)) return false;
                holes.Add(new OutboxHole(hole, noticed));
            }
        }
        if (holes.Any(h => h.Id <= 0 || h.Id >= through) || holes.Select(h => h.Id).Distinct().Count() != holes.Count) return false;
        position = new OutboxPosition(through, holes);
        return true;
    }

    public bool Equals(OutboxPosition? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => Equals(obj as OutboxPosition);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}

/// <summary>An id below a reader's position that was not committed when first noticed.</summary>
public readonly record struct OutboxHole(long Id, DateTimeOffset NoticedAt);

/// <summary>
/// What <see cref="OutboxCursor.ReadAsync"/> read: the events of the wanted types in id order, and the position to
/// store once they are applied. <see cref="CaughtUp"/> is false while more committed events wait after it.
/// </summary>
public sealed record OutboxBatch(IReadOnlyList<OutboxMessage> Events, OutboxPosition Position, bool CaughtUp);

/// <summary>
/// The one reading rule for every consumer of the outbox that keeps its own checkpoint (search indexers, the storefront
/// cache): events after a position, in id order, each exactly once, including one that commits after a higher id was
/// read. An id missing below the highest read is a hole, looked for again on every read until it commits (then it is
/// returned) or until it is older than <see cref="OutboxOptions.HoleGracePeriod"/> (then it is given up: a rolled-back
/// transaction leaves its id unused for ever). Every query walks the primary key from the position, never the whole table.
/// </summary>
public sealed class OutboxCursor(TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxCursor>? logger = null)
{
    /// <summary>
    /// The most holes a position keeps; above it the lowest (oldest) are given up at once. Ids are taken in order, so
    /// the lowest missing ids have been in flight longest; transactions in flight at once are bounded by the
    /// connections to the database (a few hundred at most), so more holes than this are lost ids (a sequence that
    /// jumped, a crash), not commits still to come; and the position stays a short string to store beside an index.
    /// </summary>
    public const int MaxHoles = 1000;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private TimeSpan Grace => options.Value.HoleGracePeriod;

    /// <summary>
    /// The next events after <paramref name="position"/>: the holes that have committed since and up to
    /// <paramref name="batchSize"/> ids after it, of the wanted <paramref name="types"/> (null: all), in id order.
    /// The position returned covers every id looked at, whatever its type.
    /// </summary>
    public async Task<OutboxBatch> ReadAsync(AppDbContext db, OutboxPosition position, IReadOnlyCollection<string>? types, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var now = clock.GetUtcNow();
        var wanted = types?.Distinct().ToList();
        var rows = db.OutboxMessages.AsNoTracking();

        // Holes that committed since: looked up by primary key (at most MaxHoles ids).
        var holeIds = position.Holes.Select(h => h.Id).ToList();
        var filled = holeIds.Count == 0 ? [] : await Project(rows.Where(m => holeIds.Contains(m.Id)), wanted).ToListAsync(cancellationToken);
        // Then the next ids after the highest read, of every type: a row of another type is not a hole.
        var through = position.Through;
        var fresh = await Project(rows.Where(m => m.Id > through).OrderBy(m => m.Id).Take(batchSize), wanted).ToListAsync(cancellationToken);

        var filledIds = filled.Select(r => r.Id).ToHashSet();
        var holes = position.Holes.Where(h => !filledIds.Contains(h.Id)).ToList();
        var previous = through;
        foreach (var row in fresh)
        {
            // Ids skipped between two rows read are in flight or lost; only the highest MaxHoles of a gap can matter.
            for (var id = Math.Max(previous + 1, row.Id - MaxHoles); id < row.Id; id++) holes.Add(new OutboxHole(id, now));
            previous = row.Id;
        }

        var kept = holes.Where(h => now - h.NoticedAt < Grace).OrderByDescending(h => h.Id).Take(MaxHoles).ToList();
        if (kept.Count < holes.Count)
            _logger.LogDebug("Outbox reader gave up on {Count} ids that never committed (rolled back or lost), lowest {Id}",
                holes.Count - kept.Count, holes.Except(kept).Min(h => h.Id));

        var events = filled.Concat(fresh).Where(r => r.Payload is not null).OrderBy(r => r.Id)
            .Select(r => new OutboxMessage { Id = r.Id, Type = r.Type, Payload = r.Payload!, OccurredAt = r.OccurredAt }).ToList();
        var next = new OutboxPosition(fresh.Count > 0 ? fresh[^1].Id : through, kept);
        return new OutboxBatch(events, next, CaughtUp: fresh.Count < batchSize);
    }

    /// <summary>
    /// How far behind <paramref name="position"/> is: events of the wanted types after it, including holes that have
    /// committed since, counted up to <paramref name="limit"/> (a figure for health and dashboards, not a scan).
    /// </summary>
    public async Task<int> PendingAsync(AppDbContext db, OutboxPosition position, IReadOnlyCollection<string>? types, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        var through = position.Through;
        var holeIds = position.Holes.Select(h => h.Id).ToList();
        var rows = db.OutboxMessages.AsNoTracking();
        if (types is not null)
        {
            var wanted = types.Distinct().ToList();
            rows = rows.Where(m => wanted.Contains(m.Type));
        }
        var after = await rows.Where(m => m.Id > through).OrderBy(m => m.Id).Take(limit).CountAsync(cancellationToken);
        var filled = holeIds.Count == 0 ? 0 : await rows.CountAsync(m => holeIds.Contains(m.Id), cancellationToken);
        return Math.Min(limit, after + filled);
    }

    /// <summary>
    /// The position of a reader that starts now and wants only what commits from now on (a cache, or a rebuild that
    /// reads the data itself): after the highest id, with the missing ids among the last <see cref="MaxHoles"/> as
    /// holes, so a transaction still in flight below the highest id is read when it commits.
    /// </summary>
    public async Task<OutboxPosition> CurrentAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var last = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).Select(m => m.Id).Take(MaxHoles).ToListAsync(cancellationToken);
        if (last.Count == 0) return OutboxPosition.Start;
        var now = clock.GetUtcNow();
        var present = last.ToHashSet();
        var from = last.Count < MaxHoles ? Math.Max(1, last[0] - MaxHoles) : last[^1];
        var holes = new List<OutboxHole>();
        for (var id = from; id < last[0]; id++)
            if (!present.Contains(id)) holes.Add(new OutboxHole(id, now));
        return new OutboxPosition(last[0], holes.OrderByDescending(h => h.Id).Take(MaxHoles));
    }

    // Payloads only of the wanted types (null for the others): the ids of every type are needed to tell holes apart.
    private static IQueryable<Row> Project(IQueryable<OutboxMessage> query, List<string>? wanted) => wanted is null
        ? query.Select(m => new Row(m.Id, m.Type, m.Payload, m.OccurredAt))
        : query.Select(m => new Row(m.Id, m.Type, wanted.Contains(m.Type) ? m.Payload : null, m.OccurredAt));

    private sealed record Row(long Id, string Type, string? Payload, DateTime OccurredAt);
}
