using System.Collections.Concurrent;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.Tests.Events;

/// <summary>
/// The outbox reading rule on a real database: every committed event is read exactly once, also one that commits
/// after a higher id was read; an id that never commits is given up after the grace period; the position survives
/// being stored as a string. On PostgreSQL the late commits are real concurrent transactions; SQLite commits one
/// writer at a time in id order, so there a late commit is an event written with a lower id than one already read
/// (which is what a reader on PostgreSQL sees).
/// </summary>
public abstract class OutboxCursorTests<TDatabase>(LazyDatabase<TDatabase> fixture) : IClassFixture<LazyDatabase<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _type = "test.cursor." + Guid.NewGuid().ToString("N")[..12];

    protected LazyDatabase<TDatabase> Fixture => fixture;

    private OutboxCursor Cursor => new(_clock, Options.Create(new OutboxOptions { HoleGracePeriod = Grace }));

    /// <summary>An event committed on its own; with <paramref name="id"/>, under that id (SQLite's way to commit late).</summary>
    protected async Task<long> WriteAsync(TestDatabase database, string? type = null, long? id = null)
    {
        await using var db = database.NewContext();
        var message = db.Enqueue(type ?? _type, new { Note = "cursor" });
        if (id is { } given) message.Id = given;
        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>An event inserted in a transaction left open: it has its id, and is not committed.</summary>
    protected static async Task<(AppDbContext Db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Transaction, long Id)> OpenAsync(TestDatabase database, string type)
    {
        var db = database.NewContext();
        var transaction = await db.Database.BeginTransactionAsync();
        var message = db.Enqueue(type, new { Note = "in flight" });
        await db.SaveChangesAsync();
        return (db, transaction, message.Id);
    }

    protected async Task<OutboxBatch> ReadAsync(TestDatabase database, OutboxPosition position, IReadOnlyCollection<string>? types = null, int batchSize = 100)
    {
        await using var db = database.NewContext();
        return await Cursor.ReadAsync(db, position, types ?? [_type], batchSize);
    }

    protected async Task<OutboxPosition> NowAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await Cursor.CurrentAsync(db);
    }

    /// <summary>Whether transactions commit concurrently (PostgreSQL, SQL Server), or one writer at a time in id order (SQLite).</summary>
    protected static bool CommitsConcurrently(TestDatabase database) => database.Settings.Provider != DatabaseProvider.Sqlite;

    /// <summary>The holes a test made: earlier tests on the same database may leave lost ids below its start.</summary>
    protected static IEnumerable<long> HolesAfter(OutboxPosition position, OutboxPosition start) =>
        position.Holes.Select(h => h.Id).Where(id => id > start.Through);

    [DatabaseFact]
    public async Task Events_committed_out_of_id_order_are_each_read_once()
    {
        var database = await fixture.GetAsync();
        var start = await NowAsync(database);
        long lower, higher;
        var read = new List<long>();
        OutboxBatch first;
        if (CommitsConcurrently(database))
        {
            var (db, transaction, id) = await OpenAsync(database, _type);
            await using (db)
            await using (transaction)
            {
                lower = id;
                higher = await WriteAsync(database);
                Assert.True(lower < higher);
                first = await ReadAsync(database, start);
                await transaction.CommitAsync(); // the lower id commits second
            }
        }
        else
        {
            var reserved = await WriteAsync(database, type: "test.other");
            higher = await WriteAsync(database, id: reserved + 2);
            lower = reserved + 1;
            first = await ReadAsync(database, start);
            await WriteAsync(database, id: lower);
        }
        read.AddRange(first.Events.Select(e => e.Id));
        Assert.Equal([higher], read);
        Assert.Contains(first.Position.Holes, h => h.Id == lower);

        // The position is stored as a string between reads, as an index stores it.
        var second = await ReadAsync(database, OutboxPosition.Parse(first.Position.ToString()));
        read.AddRange(second.Events.Select(e => e.Id));
        var third = await ReadAsync(database, second.Position);
        read.AddRange(third.Events.Select(e => e.Id));

        Assert.Equal([higher, lower], read);
        Assert.Empty(HolesAfter(third.Position, start));
        Assert.True(third.CaughtUp);
    }

    [DatabaseFact]
    public async Task An_id_that_never_commits_is_a_hole_until_the_grace_period_then_given_up()
    {
        var database = await fixture.GetAsync();
        var start = await NowAsync(database);
        long lost, after;
        if (CommitsConcurrently(database))
        {
            var (db, transaction, id) = await OpenAsync(database, _type);
            await using (db)
            await using (transaction)
            {
                lost = id;
                await transaction.RollbackAsync();
            }
            after = await WriteAsync(database);
        }
        else
        {
            var before = await WriteAsync(database);
            lost = before + 1;
            after = await WriteAsync(database, id: before + 2);
        }

        var first = await ReadAsync(database, start);
        Assert.Contains(after, first.Events.Select(e => e.Id));
        Assert.Equal([lost], HolesAfter(first.Position, start));
        Assert.True(first.Position.LowWaterMark < lost);

        _clock.Advance(Grace - TimeSpan.FromSeconds(5));
        var waiting = await ReadAsync(database, OutboxPosition.Parse(first.Position.ToString()));
        Assert.Empty(waiting.Events);
        Assert.Equal([lost], HolesAfter(waiting.Position, start)); // still waited for

        _clock.Advance(TimeSpan.FromSeconds(10));
        var given = await ReadAsync(database, waiting.Position);
        Assert.Empty(given.Events);
        Assert.Empty(given.Position.Holes);
        Assert.Equal(after, given.Position.Through);
        Assert.Equal(after, given.Position.LowWaterMark);
    }

    [DatabaseFact]
    public async Task Events_of_other_types_are_not_holes_and_a_late_one_of_another_type_is_not_returned()
    {
        var database = await fixture.GetAsync();
        var start = await NowAsync(database);
        var other = _type + ".other";
        var wanted = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            wanted.Add(await WriteAsync(database));
            await WriteAsync(database, type: other);
        }
        long lateWanted, lateOther;
        OutboxBatch first;
        if (CommitsConcurrently(database))
        {
            var a = await OpenAsync(database, _type);
            var b = await OpenAsync(database, other);
            var last = await WriteAsync(database, type: other);
            first = await ReadAsync(database, start, batchSize: 3);
            // Read on in small batches while both are in flight: the position keeps both holes.
            var position = first.Position;
            var readBefore = first.Events.Select(e => e.Id).ToList();
            for (var batch = first; !batch.CaughtUp; )
            {
                batch = await ReadAsync(database, position, batchSize: 3);
                readBefore.AddRange(batch.Events.Select(e => e.Id));
                position = batch.Position;
            }
            Assert.Equal(wanted, readBefore);
            Assert.Equal([a.Id, b.Id], HolesAfter(position, start));
            Assert.Equal(last, position.Through);
            await a.Transaction.CommitAsync();
            await b.Transaction.CommitAsync();
            foreach (var open in new[] { a, b }) { await open.Transaction.DisposeAsync(); await open.Db.DisposeAsync(); }
            (lateWanted, lateOther) = (a.Id, b.Id);
            first = first with { Position = position };
        }
        else
        {
            var last = await WriteAsync(database, type: other, id: wanted[^1] + 4);
            (lateWanted, lateOther) = (wanted[^1] + 2, wanted[^1] + 3);
            var position = start;
            var readBefore = new List<long>();
            for (var more = true; more; )
            {
                var batch = await ReadAsync(database, position, batchSize: 3);
                readBefore.AddRange(batch.Events.Select(e => e.Id));
                position = batch.Position;
                more = !batch.CaughtUp;
            }
            Assert.Equal(wanted, readBefore);
            Assert.Equal([lateWanted, lateOther], HolesAfter(position, start));
            Assert.Equal(last, position.Through);
            await WriteAsync(database, id: lateOther, type: other);
            await WriteAsync(database, id: lateWanted);
            first = new OutboxBatch([], position, true);
        }

        var then = await ReadAsync(database, first.Position);
        Assert.Equal([lateWanted], then.Events.Select(e => e.Id));
        Assert.All(then.Events, e => Assert.Equal(_type, e.Type));
        Assert.Empty(HolesAfter(then.Position, start)); // the late event of another type filled its hole too
    }

    [DatabaseFact]
    public async Task Pending_counts_wanted_events_after_the_position_and_late_ones_up_to_a_limit()
    {
        var database = await fixture.GetAsync();
        var start = await NowAsync(database);
        // A wanted event that will commit late: on PostgreSQL a transaction left open, on SQLite an id left free.
        var (open, transaction, late) = CommitsConcurrently(database) ? await OpenAsync(database, _type) : (null, null, 0L);
        if (!CommitsConcurrently(database)) late = await WriteAsync(database, type: "test.other") + 1;
        await WriteAsync(database, id: CommitsConcurrently(database) ? null : late + 1);
        var position = (await ReadAsync(database, start)).Position;
        Assert.Equal([late], HolesAfter(position, start));
        for (var i = 0; i < 4; i++) await WriteAsync(database);
        await WriteAsync(database, type: "test.other");

        await using var db = database.NewContext();
        Assert.Equal(4, await Cursor.PendingAsync(db, position, [_type]));
        Assert.Equal(5, await Cursor.PendingAsync(db, position, null));
        Assert.Equal(3, await Cursor.PendingAsync(db, position, [_type], limit: 3));

        // The late event commits: it is pending too.
        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            await open!.DisposeAsync();
        }
        else await WriteAsync(database, id: late);
        Assert.Equal(5, await Cursor.PendingAsync(db, position, [_type]));
    }
}

public sealed class SqliteOutboxCursorTests(LazyDatabase<SqliteTestDatabase> fixture) : OutboxCursorTests<SqliteTestDatabase>(fixture)
{
    /// <summary>A sequence that jumped (or a crash that lost ids) is written the same way on every provider.</summary>
    [DatabaseFact]
    public async Task A_gap_wider_than_the_cap_keeps_only_its_highest_ids_as_holes()
    {
        var database = await Fixture.GetAsync();
        var start = await NowAsync(database);
        var before = await WriteAsync(database);
        var after = await WriteAsync(database, id: before + 5000);

        var batch = await ReadAsync(database, start);

        Assert.Equal([before, after], batch.Events.Select(e => e.Id));
        Assert.Equal(OutboxCursor.MaxHoles, batch.Position.Holes.Count);
        Assert.Equal(after - OutboxCursor.MaxHoles, batch.Position.Holes[0].Id);
        Assert.Equal(after - 1, batch.Position.Holes[^1].Id);
        Assert.True(batch.Position.ToString().Length < 20_000);
    }
}


[RequiresPostgres]
public sealed class PostgresOutboxCursorTests(LazyDatabase<PostgresTestDatabase> fixture) : OutboxCursorTests<PostgresTestDatabase>(fixture)
{
    /// <summary>
    /// Hundreds of events from many concurrent transactions, each held open a random moment after taking its id (so
    /// commits land out of id order), some rolled back, while a reader loops: every committed id is read exactly once.
    /// </summary>
    [DatabaseFact]
    public async Task Every_event_committed_by_concurrent_transactions_is_read_exactly_once()
    {
        var database = await Fixture.GetAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cursor = new OutboxCursor(clock, Options.Create(new OutboxOptions { HoleGracePeriod = TimeSpan.FromMinutes(2) }));
        var type = "test.concurrent." + Guid.NewGuid().ToString("N")[..12];
        OutboxPosition position;
        await using (var db = database.NewContext()) position = await cursor.CurrentAsync(db);
        var start = position;

        var committed = new ConcurrentBag<long>();
        var rolledBack = new ConcurrentBag<long>();
        const int Writers = 24, EventsPerWriter = 20;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < EventsPerWriter; i++)
            {
                await using var db = database.NewContext();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var message = db.Enqueue(type, new { Writer = w, I = i });
                await db.SaveChangesAsync();
                await Task.Delay(random.Next(0, 15));
                if (random.Next(10) == 0) { await transaction.RollbackAsync(); rolledBack.Add(message.Id); }
                else { await transaction.CommitAsync(); committed.Add(message.Id); }
            }
        })).ToList();

        var read = new List<long>();
        var writing = Task.WhenAll(writers);
        var mostHoles = 0;
        while (true)
        {
            var done = writing.IsCompleted;
            await using (var db = database.NewContext())
            {
                var batch = await cursor.ReadAsync(db, position, [type], batchSize: 50);
                read.AddRange(batch.Events.Select(e => e.Id));
                position = OutboxPosition.Parse(batch.Position.ToString());
                mostHoles = Math.Max(mostHoles, HolesAfter(position, start).Count());
                if (done && batch.CaughtUp) break;
            }
            await Task.Delay(3);
        }
        await writing;
        // Everything has committed or rolled back: one more read finds what committed last, then the rest are lost ids.
        await using (var db = database.NewContext())
        {
            var batch = await cursor.ReadAsync(db, position, [type], batchSize: 50);
            read.AddRange(batch.Events.Select(e => e.Id));
            // A rolled-back id is a hole only below a committed one: the last ids taken may have rolled back.
            Assert.Equal(rolledBack.Where(id => id < batch.Position.Through).Order(), HolesAfter(batch.Position, start));
            Assert.Equal(committed.Max(), batch.Position.Through);
            clock.Advance(TimeSpan.FromMinutes(3));
            var last = await cursor.ReadAsync(db, batch.Position, [type], batchSize: 50);
            Assert.Empty(last.Events);
            Assert.Empty(last.Position.Holes);
        }

        Assert.Equal(Writers * EventsPerWriter, committed.Count + rolledBack.Count);
        Assert.Equal(read.Count, read.Distinct().Count()); // none twice
        Assert.Equal(committed.Order(), read.Order()); // none missed
        Assert.True(mostHoles > 0, "no commit was ever seen out of order; the test proved nothing");
    }

    /// <summary>A reader that starts now (CurrentAsync) still reads a transaction in flight below the highest id.</summary>
    [DatabaseFact]
    public async Task A_reader_starting_now_reads_a_transaction_still_in_flight()
    {
        var database = await Fixture.GetAsync();
        var cursor = new OutboxCursor(TimeProvider.System, Options.Create(new OutboxOptions()));
        var type = "test.now." + Guid.NewGuid().ToString("N")[..12];
        var (open, transaction, lower) = await OpenAsync(database, type);
        await using (open)
        await using (transaction)
        {
            await using (var db = database.NewContext())
            {
                db.Enqueue(type, new { Note = "committed" });
                await db.SaveChangesAsync();
            }
            OutboxPosition position;
            await using (var db = database.NewContext()) position = await cursor.CurrentAsync(db);
            await transaction.CommitAsync();

            await using var reader = database.NewContext();
            var batch = await cursor.ReadAsync(reader, position, [type], 10);
            Assert.Equal([lower], batch.Events.Select(e => e.Id));
        }
    }
}

/// <summary>The position's string form, without a database.</summary>
public sealed class OutboxPositionTests
{
    [Fact]
    public void A_position_round_trips_through_its_string()
    {
        var noticed = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var position = new OutboxPosition(1042, [new(1039, noticed), new(1041, noticed), new(1000, noticed.AddSeconds(-30))]);

        var text = position.ToString();

        Assert.Equal("1042;1796126370=1000;1796126400=1039,1041", text);
        var back = OutboxPosition.Parse(text);
        Assert.Equal(position, back);
        Assert.Equal(999, back.LowWaterMark);
        Assert.Equal([1000L, 1039, 1041], back.Holes.Select(h => h.Id));
        Assert.Equal(noticed, back.Holes[^1].NoticedAt);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    [InlineData("1234", 1234)] // a checkpoint stored as the highest id read is a position without holes
    public void A_bare_number_or_nothing_is_a_position_without_holes(string? text, long through)
    {
        var position = OutboxPosition.Parse(text);
        Assert.Equal(through, position.Through);
        Assert.Empty(position.Holes);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-5")]
    [InlineData("10;abc=3")]
    [InlineData("10;100=12")] // a hole above the position
    [InlineData("10;100=3,3")]
    [InlineData("10;100")]
    public void A_malformed_position_is_refused(string text)
    {
        Assert.False(OutboxPosition.TryParse(text, out _));
        Assert.Throws<FormatException>(() => OutboxPosition.Parse(text));
    }
}

[RequiresSqlServer]
public sealed class SqlServerOutboxCursorTests(LazyDatabase<SqlServerTestDatabase> fixture) : OutboxCursorTests<SqlServerTestDatabase>(fixture);
