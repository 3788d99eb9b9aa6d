using Ecommerce.Tests.Infrastructure;
using FlashSaleRush;
using OrderBurst;
using Xunit.Abstractions;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// Issue #6 in small: the real web app in a child process places 100 orders over HTTP, is SIGKILLed with 40 of them
/// answered (the rest in flight or not sent, their payments' confirmations not yet delivered), is started again on the
/// same database, the unanswered checkouts are sent again with their idempotency keys, and the database must show
/// every order paid, none lost, one charge each, stock moved once, each email once and an empty outbox
/// (bench/OrderBurst's own check, the same as the 10,000-order run).
/// </summary>
public abstract class CrashRecoveryTests(ITestOutputHelper output)
{
    protected abstract string? Postgres { get; }

    [Fact]
    public async Task Orders_in_flight_when_the_app_is_killed_all_end_paid_once_after_a_restart()
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = build.Parent!.Parent!.Name; // …/Ecommerce.Tests/bin/<configuration>/net10.0/: the web app was built alongside
        var repository = build.Parent.Parent.Parent!.Parent!.Parent!.FullName;
        var folder = Directory.CreateTempSubdirectory("crash-recovery-").FullName;
        try
        {
            await using var database = await BenchDatabase.CreateAsync(folder, Postgres, poolSize: 20, "crash_recovery");
            var report = await new BurstRun(repository, database, folder,
                new BurstOptions(Orders: 100, KillAfter: 40, Concurrency: 16, Products: 5, Lease: TimeSpan.FromSeconds(3),
                    DrainTimeout: TimeSpan.FromSeconds(40), Configuration: configuration, Build: false), output.WriteLine).RunAsync();

            foreach (var invariant in report.Invariants) output.WriteLine(invariant.ToString());
            Assert.NotNull(report.KilledAtSecond);
            Assert.True(report.Unanswered > 0, "the kill should have cut checkouts in flight");
            Assert.Empty(report.Failures);
            Assert.Equal(100, report.Answered);
            Assert.All(report.Invariants, i => Assert.True(i.Holds, i.ToString()));
            Assert.Equal(6, report.Invariants.Count);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}

[Collection("crash recovery")]
public sealed class SqliteCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryTests(output)
{
    protected override string? Postgres => null;
}

[Collection("crash recovery")]
public sealed class PostgresCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryTests(output)
{
    protected override string? Postgres => PostgresTestDatabase.ServerConnectionString;
}
