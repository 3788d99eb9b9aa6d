using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecommerce.Tests.Events;

/// <summary>
/// A node's dispatcher is woken by events any writer commits on PostgreSQL (the outbox trigger's NOTIFY), not only by
/// its own writes: the listener here has a signal of its own, which nothing but a notice can set.
/// </summary>
[RequiresPostgres]
public sealed class PostgresOutboxListenerTests(LazyDatabase<PostgresTestDatabase> fixture) : IClassFixture<LazyDatabase<PostgresTestDatabase>>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [DatabaseFact]
    public async Task An_event_committed_by_another_writer_wakes_the_node_and_one_rolled_back_or_uncommitted_does_not()
    {
        var database = await fixture.GetAsync();
        var signal = new OutboxSignal(new AfterCommit());
        using var listener = new PostgresOutboxListener(database.Settings, signal, new DatabaseReachability(TimeProvider.System, NullLogger<DatabaseReachability>.Instance), NullLogger<PostgresOutboxListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            await listener.Listening.WaitAsync(Soon);
            Assert.True(await signal.WaitAsync(Soon, CancellationToken.None)); // the wake-up for what was committed before it listened
            while (await signal.WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None)) { } // other tests' events

            // Committed by itself: a notice.
            await using (var db = database.NewContext())
            {
                db.Enqueue("test.listener", new { Note = "committed" });
                await db.SaveChangesAsync();
            }
            Assert.True(await signal.WaitAsync(Soon, CancellationToken.None), "no wake-up for a committed event");

            // Rolled back: none. Uncommitted: none until its commit.
            await using (var db = database.NewContext())
            {
                await using (var rolledBack = await db.Database.BeginTransactionAsync())
                {
                    db.Enqueue("test.listener", new { Note = "rolled back" });
                    await db.SaveChangesAsync();
                    await rolledBack.RollbackAsync();
                }
                db.ChangeTracker.Clear();
                await using var open = await db.Database.BeginTransactionAsync();
                db.Enqueue("test.listener", new { Note = "late" });
                await db.SaveChangesAsync();
                Assert.False(await signal.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None), "woken before anything was committed");
                await open.CommitAsync();
            }
            Assert.True(await signal.WaitAsync(Soon, CancellationToken.None), "no wake-up when the open transaction committed");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }
}
