using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Events;

/// <summary>
/// The transactional outbox on a real database: events commit with their change, survive handler failures,
/// are retried, parked after too many attempts, and retried by an admin.
/// </summary>
public abstract class OutboxTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private async Task<long> WriteEventAsync(string type)
    {
        await using var db = database.NewContext();
        var message = db.Enqueue(type, new { Note = "test" });
        await db.SaveChangesAsync();
        return message.Id;
    }

    private async Task<OutboxMessage> LoadAsync(long id)
    {
        await using var db = database.NewContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [DatabaseFact]
    public async Task An_event_is_never_lost_when_its_handler_throws()
    {
        var type = "test.always-fails." + Guid.NewGuid().ToString("N");
        var id = await WriteEventAsync(type);
        ScriptedHandler.FailuresLeft[type] = int.MaxValue;

        await database.Dispatcher.DrainAsync();

        var message = await LoadAsync(id);
        Assert.NotEqual(OutboxStatus.Done, message.Status);
        Assert.Contains("scripted failure", message.LastError);
        Assert.True(message.Attempts >= 1);
        Assert.Equal(OutboxStatus.Failed, message.Status); // parked after Outbox:MaxAttempts (3 in tests)
        Assert.Equal(3, message.Attempts);
    }

    [DatabaseFact]
    public async Task A_handler_that_fails_twice_then_succeeds_runs_to_success()
    {
        var type = "test.flaky." + Guid.NewGuid().ToString("N");
        var id = await WriteEventAsync(type);
        ScriptedHandler.FailuresLeft[type] = 2;

        await database.Dispatcher.DrainAsync();

        var message = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Done, message.Status);
        Assert.Equal(3, message.Attempts);
        Assert.Equal(1, ScriptedHandler.Successes.GetValueOrDefault(type));
        Assert.NotNull(message.ProcessedAt);
    }

    [DatabaseFact]
    public async Task An_event_written_in_a_rolled_back_transaction_never_appears()
    {
        var type = "test.rolled-back." + Guid.NewGuid().ToString("N");
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Enqueue(type, new { Note = "never" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await database.Dispatcher.DrainAsync();

        await using var check = database.NewContext();
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.Type == type));
        Assert.False(ScriptedHandler.Seen.ContainsKey(type));
    }

    [DatabaseFact]
    public async Task A_parked_event_can_be_retried_by_an_admin()
    {
        var type = "test.parked." + Guid.NewGuid().ToString("N");
        var id = await WriteEventAsync(type);
        ScriptedHandler.FailuresLeft[type] = 3;
        await database.Dispatcher.DrainAsync();
        Assert.Equal(OutboxStatus.Failed, (await LoadAsync(id)).Status);

        var monitor = database.Services.GetRequiredService<OutboxMonitor>();
        Assert.Contains((await monitor.FailedAsync(Ecommerce.Core.Common.PageRequest.Of(1, 100))).Items, m => m.Id == id);
        var retries = database.Services.GetRequiredService<FailedEventRetries>();
        Assert.Equal(1, await retries.RetryAsync(new AuditActor("admin-user-id", "admin@test.local"), id));
        await database.Dispatcher.DrainAsync();

        Assert.Equal(OutboxStatus.Done, (await LoadAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task Concurrent_dispatchers_deliver_each_event_once()
    {
        var type = "test.concurrent." + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 40; i++) await WriteEventAsync(type);

        // Two dispatchers (as two nodes would run) drain the same queue at once.
        var other = ActivatorUtilities.CreateInstance<OutboxDispatcher>(database.Services);
        await Task.WhenAll(database.Dispatcher.DrainAsync(), other.DrainAsync());

        Assert.Equal(40, ScriptedHandler.Successes.GetValueOrDefault(type));
    }

    [DatabaseFact]
    public async Task Several_dispatch_loops_on_one_node_handle_events_side_by_side_and_each_once()
    {
        var type = "test.workers." + Guid.NewGuid().ToString("N");
        ScriptedHandler.Slow[type] = TimeSpan.FromMilliseconds(30);
        for (var i = 0; i < 60; i++) await WriteEventAsync(type);

        // Batches of 5, so the 60 events are spread over the loops rather than taken by the first.
        var options = Microsoft.Extensions.Options.Options.Create(new OutboxOptions { Workers = 4, BatchSize = 5, PollInterval = TimeSpan.FromMilliseconds(50) });
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(database.Services, options);
        var service = ActivatorUtilities.CreateInstance<OutboxDispatcherService>(database.Services, dispatcher, options);
        await service.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (ScriptedHandler.Successes.GetValueOrDefault(type) < 60 && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        finally { await service.StopAsync(CancellationToken.None); }

        Assert.Equal(60, ScriptedHandler.Successes.GetValueOrDefault(type));
        Assert.True(ScriptedHandler.MostAtOnce.GetValueOrDefault(type) > 1, "the loops never handled two events at once");
        await using var db = database.NewContext();
        Assert.Equal(60, await db.OutboxMessages.CountAsync(m => m.Type == type && m.Status == OutboxStatus.Done && m.Attempts == 1));
        // Each loop claims under its own id (the last claimant stays on the row).
        var claimants = await db.OutboxMessages.Where(m => m.Type == type).Select(m => m.LockedBy).Distinct().ToListAsync();
        Assert.True(claimants.Count > 1, "one loop took every batch");
        Assert.All(claimants, c => Assert.StartsWith(dispatcher.NodeId + "/", c));
    }
}

public sealed class SqliteOutboxTests(OutboxSqliteDatabase database) : OutboxTests<OutboxSqliteDatabase>(database);

public sealed class PostgresOutboxTests(OutboxPostgresDatabase database) : OutboxTests<OutboxPostgresDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerOutboxTests(OutboxSqlServerDatabase database) : OutboxTests<OutboxSqlServerDatabase>(database);

/// <summary>Databases whose services include the scripted test handler.</summary>
public sealed class OutboxSqliteDatabase : SqliteTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddEventHandler<ScriptedHandler>();
}

public sealed class OutboxPostgresDatabase : PostgresTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddEventHandler<ScriptedHandler>();
}

public sealed class OutboxSqlServerDatabase : SqlServerTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddEventHandler<ScriptedHandler>();
}

/// <summary>A handler whose behaviour each test scripts by event type: fail N times, then succeed.</summary>
public sealed class ScriptedHandler : IEventHandler
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> FailuresLeft = new();
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Successes = new();
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Seen = new();

    /// <summary>Types whose handling takes this long (like a handler waiting on the database or a mail server).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> Slow = new();
    /// <summary>The most events of a type handled at the same moment.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> MostAtOnce = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Running = new();

    public bool Handles(string eventType) => eventType.StartsWith("test.", StringComparison.Ordinal);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Slow.TryGetValue(message.Type, out var delay))
        {
            var now = Running.AddOrUpdate(message.Type, 1, (_, n) => n + 1);
            MostAtOnce.AddOrUpdate(message.Type, now, (_, most) => Math.Max(most, now));
            try { await Task.Delay(delay, cancellationToken); }
            finally { Running.AddOrUpdate(message.Type, 0, (_, n) => n - 1); }
        }
        Seen[message.Type] = true;
        var failed = false;
        FailuresLeft.AddOrUpdate(message.Type, 0, (_, left) =>
        {
            failed = left > 0;
            return left > 0 && left != int.MaxValue ? left - 1 : left;
        });
        if (failed) throw new InvalidOperationException("scripted failure");
        Successes.AddOrUpdate(message.Type, 1, (_, n) => n + 1);
    }
}
