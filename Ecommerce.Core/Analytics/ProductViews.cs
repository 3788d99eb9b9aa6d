using System.Collections.Concurrent;
using System.Text;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Analytics;

/// <summary>
/// Counts product page views without a database write per view: views add up in memory and are flushed every
/// few seconds, a few hundred product-days per upsert statement. A crash loses a few seconds of counts, never a page
/// view's speed. What a visitor's request names is bounded: an id well above the highest product id is refused (so no one
/// can fill memory with made-up ids), and at most <see cref="MaxPending"/> product-days wait between two flushes.
/// </summary>
public sealed class ProductViews(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, ILogger<ProductViews> logger, DatabaseReachability reachability) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Saving product views (views counted meanwhile are dropped)", logger);

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);
    /// <summary>How often an id above the known highest one may make us read the highest product id again.</summary>
    private static readonly TimeSpan HighestIdRefresh = TimeSpan.FromSeconds(5);
    /// <summary>Ids this far above the highest one read count too: products created since then are not refused.</summary>
    private const int NewProductSlack = 1_000;
    public const int MaxPending = 20_000;
    private const int RowsPerStatement = 500;

    private ConcurrentDictionary<(int ProductId, DateOnly Day), int> _pending = new();
    private int _pendingCount;
    private int _highestProductId;
    private long _highestReadAtTicks; // 0: never read
    private readonly SemaphoreSlim _highestRead = new(1, 1);

    /// <summary>How many product-days wait for the next flush.</summary>
    public int Pending => Volatile.Read(ref _pendingCount);

    /// <summary>Counts a view of a product the caller knows exists (a page that loaded it).</summary>
    public void Record(int productId)
    {
        var pending = _pending;
        var key = (productId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (pending.TryGetValue(key, out _) || Interlocked.Increment(ref _pendingCount) <= MaxPending)
            pending.AddOrUpdate(key, 1, (_, n) => n + 1);
        else
            Interlocked.Decrement(ref _pendingCount); // full until the next flush: this view is not counted
    }

    /// <summary>
    /// Counts a view named by a visitor's request (the beacon). False, and nothing counted, when the id cannot be a
    /// product: not positive, or well above the highest product id (read again at most every few seconds).
    /// </summary>
    public async ValueTask<bool> RecordIfProductAsync(int productId, CancellationToken cancellationToken = default)
    {
        if (productId <= 0) return false;
        if (productId > Volatile.Read(ref _highestProductId) && productId > await HighestProductIdAsync(cancellationToken)) return false;
        Record(productId);
        return true;
    }

    private async Task<int> HighestProductIdAsync(CancellationToken cancellationToken)
    {
        await _highestRead.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow().UtcTicks;
            if (now - Interlocked.Read(ref _highestReadAtTicks) >= HighestIdRefresh.Ticks)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                Volatile.Write(ref _highestProductId, (await db.Products.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0) + NewProductSlack);
                Interlocked.Exchange(ref _highestReadAtTicks, now);
            }
            return Volatile.Read(ref _highestProductId);
        }
        finally { _highestRead.Release(); }
    }

    /// <summary>Writes the counted views (also called at shutdown and by tests).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = Interlocked.Exchange(ref _pending, new());
        Interlocked.Exchange(ref _pendingCount, 0);
        if (batch.IsEmpty) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var rows in batch.Chunk(RowsPerStatement))
        {
            var parameters = new object[rows.Length * 3];
            for (var i = 0; i < rows.Length; i++)
            {
                var ((productId, day), views) = rows[i];
                (parameters[3 * i], parameters[3 * i + 1], parameters[3 * i + 2]) = (productId, day, views);
            }
            await db.Database.ExecuteSqlRawAsync(UpsertSql(db.IsSqlServer, rows.Length), parameters, cancellationToken);
        }
    }

    /// <summary>One upsert of <paramref name="rows"/> (product, day, views) rows; a deleted product's views are dropped.</summary>
    private static string UpsertSql(bool sqlServer, int rows)
    {
        var values = new StringBuilder();
        for (var i = 0; i < rows; i++)
            values.Append(i == 0 ? "" : ", ").Append($"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})");
        // VALUES columns are column1..3 on both SQLite and PostgreSQL; SQL Server names them, and upserts with a MERGE
        // (HOLDLOCK: the key range stays locked from the match to the insert, as ON CONFLICT guarantees).
        return sqlServer
            ? $"""
              MERGE product_view_days WITH (HOLDLOCK) AS d
              USING (SELECT v.product_id, v.day, v.views FROM (VALUES {values}) AS v (product_id, day, views)
                      WHERE EXISTS (SELECT 1 FROM products WHERE id = v.product_id)) AS n
                 ON d.product_id = n.product_id AND d.day = n.day
               WHEN MATCHED THEN UPDATE SET views = d.views + n.views
               WHEN NOT MATCHED THEN INSERT (product_id, day, views) VALUES (n.product_id, n.day, n.views);
              """
            : $"""
              INSERT INTO product_view_days (product_id, day, views) SELECT column1, column2, column3 FROM (VALUES {values}) AS v
               WHERE EXISTS (SELECT 1 FROM products WHERE id = v.column1)
              ON CONFLICT (product_id, day) DO UPDATE SET views = product_view_days.views + excluded.views
              """;
    }

    [SqlServerStatements]
    internal static class SqlServer
    {
        public static string UpsertOneRow => UpsertSql(true, 1);
        public static string UpsertThreeRows => UpsertSql(true, 3);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(FlushEvery, stoppingToken); }
            catch (OperationCanceledException) { break; }
            try { await FlushAsync(stoppingToken); _health.Succeeded(); }
            catch (Exception e) when (e is not OperationCanceledException) { _health.Failed(e); }
        }
        await FlushAsync(CancellationToken.None);
    }
}
