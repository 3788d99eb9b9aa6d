using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Data;

/// <summary>
/// Keeps SQLite's query-planner statistics current. With none, SQLite guesses which index to use, and at 100,000
/// products it guessed wrong: the one-click "add to cart" lookup of a page of cards scanned every listed product
/// (0.5 s a page instead of 0.3 ms). Run at start, after seeding, and then every few hours, as SQLite advises for
/// long-lived connections. <c>analysis_limit</c> bounds the work to a sample of each index. PostgreSQL's autovacuum
/// does the same on its own.
/// </summary>
public sealed class PlannerStatistics(IDbContextFactory<AppDbContext> contexts, DatabaseSettings settings, ILogger<PlannerStatistics> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>Refreshes the statistics; a failure is logged, never thrown: it is an optimisation, not a start-up step.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // 0x10002: look at every table, not only those this connection used, and analyse those that need it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
            logger.LogInformation("SQLite planner statistics refreshed in {Milliseconds} ms", started.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Refreshing SQLite planner statistics failed; trying again in {Interval}", Interval);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await RefreshAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
        }
    }
}
