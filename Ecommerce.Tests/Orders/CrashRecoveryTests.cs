using Ecommerce.Tests.Infrastructure;
using FlashSaleRush;
using OrderBurst;
using Xunit.Abstractions;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// Crash recovery in small: the real web app in a child process places 100 orders over HTTP, is SIGKILLed with 40 of them
/// answered (the rest in flight or not sent, their payments' confirmations not yet delivered), is started again on the
/// same database, the unanswered checkouts are sent again with their idempotency keys, and the database must show
/// every order paid, none lost, one charge each, stock moved once, each email once and an empty outbox
/// (bench/OrderBurst's own check, the same as the 10,000-order run).
/// </summary>
public abstract class CrashRecoveryTests(ITestOutputHelper log)
{
    private protected abstract Task<BenchDatabase> CreateDatabaseAsync(string folder);

    [DatabaseFact]
    public async Task Orders_in_flight_when_the_app_is_killed_all_end_paid_once_after_a_restart()
    {
        // …/Ecommerce.Tests/bin/<configuration>/net10.0: this build also built Ecommerce.Web in that configuration.
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent!.Name;
        var repository = output.Parent.Parent!.Parent!.Parent!.FullName;
        Assert.True(File.Exists(Path.Combine(repository, "Ecommerce.sln")), repository);
        var folder = Directory.CreateTempSubdirectory("crash-recovery-").FullName;
        try
        {
            await using var database = await CreateDatabaseAsync(folder);
            var report = await new BurstRun(repository, database, folder,
                new BurstOptions(Orders: 100, KillAfter: 40, Concurrency: 16, Products: 5, Lease: TimeSpan.FromSeconds(3),
                    DrainTimeout: TimeSpan.FromSeconds(40), Configuration: configuration, Build: false), log.WriteLine).RunAsync();

            foreach (var invariant in report.Invariants) log.WriteLine(invariant.ToString());
            Assert.NotNull(report.KilledAtSecond);
            Assert.True(report.Unanswered > 0, "the kill should leave checkouts cut off or unsent, to send again after the restart");
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
    private protected override Task<BenchDatabase> CreateDatabaseAsync(string folder) => BenchDatabase.CreateAsync(folder, null, poolSize: 20, "crash_recovery");
}

[Collection("crash recovery")]
public sealed class PostgresCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryTests(output)
{
    private protected override Task<BenchDatabase> CreateDatabaseAsync(string folder) =>
        BenchDatabase.CreateAsync(folder, PostgresTestDatabase.ServerConnectionString, poolSize: 20, "crash_recovery");
}

/// <summary>On the SQL Server of ECOMMERCE_TEST_SQLSERVER; reported skipped without one.</summary>
[Collection("crash recovery"), RequiresSqlServer]
public sealed class SqlServerCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryTests(output)
{
    private protected override Task<BenchDatabase> CreateDatabaseAsync(string folder) =>
        BenchDatabase.CreateSqlServerAsync(folder, SqlServerTestDatabase.ServerConnectionString!, poolSize: 20, "crash_recovery");
}
