using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Data;

/// <summary>
/// Work deferred until a context's writes are visible: at once without a transaction, at commit inside one, never
/// after a rollback or a transaction dropped unfinished; and the dispatcher's wake-up follows the same rule.
/// </summary>
public abstract class AfterCommitTests<TDatabase>(LazyDatabase<TDatabase> fixture) : IClassFixture<LazyDatabase<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task Without_a_transaction_the_work_runs_at_once()
    {
        var database = await fixture.GetAsync();
        var afterCommit = database.Services.GetRequiredService<AfterCommit>();
        await using var db = database.NewContext();
        var ran = 0;
        afterCommit.Run(db, () => ran++);
        Assert.Equal(1, ran);
    }

    [DatabaseFact]
    public async Task Inside_a_transaction_the_work_waits_for_the_commit_and_runs_once()
    {
        var database = await fixture.GetAsync();
        var afterCommit = database.Services.GetRequiredService<AfterCommit>();
        await using var db = database.NewContext();
        var ran = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            afterCommit.Run(db, () => ran++);
            afterCommit.Run(db, () => ran += 10);
            Assert.Equal(0, ran);
            await transaction.CommitAsync();
            Assert.Equal(11, ran);
        }
        // The next transaction on the same context does not run it again.
        await using (var next = await db.Database.BeginTransactionAsync()) await next.CommitAsync();
        Assert.Equal(11, ran);
    }

    [DatabaseFact]
    public async Task A_transaction_rolled_back_or_dropped_unfinished_never_runs_the_work()
    {
        var database = await fixture.GetAsync();
        var afterCommit = database.Services.GetRequiredService<AfterCommit>();
        await using var db = database.NewContext();
        var ran = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            afterCommit.Run(db, () => ran++);
            await transaction.RollbackAsync();
        }
        await using (await db.Database.BeginTransactionAsync()) afterCommit.Run(db, () => ran++); // disposed without a commit
        await using (var later = await db.Database.BeginTransactionAsync()) await later.CommitAsync();
        Assert.Equal(0, ran);
    }

    [DatabaseFact]
    public async Task An_event_written_in_a_transaction_wakes_the_dispatcher_when_it_commits_not_before()
    {
        var database = await fixture.GetAsync();
        var signal = database.Services.GetRequiredService<OutboxSignal>();
        while (await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None)) { } // drain earlier tests' wake-ups
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Enqueue("test.after-commit", new { Note = "woken at commit" });
        await db.SaveChangesAsync();
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        await transaction.CommitAsync();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}

public sealed class SqliteAfterCommitTests(LazyDatabase<SqliteTestDatabase> fixture) : AfterCommitTests<SqliteTestDatabase>(fixture);

[RequiresPostgres]
public sealed class PostgresAfterCommitTests(LazyDatabase<PostgresTestDatabase> fixture) : AfterCommitTests<PostgresTestDatabase>(fixture);

[RequiresSqlServer]
public sealed class SqlServerAfterCommitTests(LazyDatabase<SqlServerTestDatabase> fixture) : AfterCommitTests<SqlServerTestDatabase>(fixture);
