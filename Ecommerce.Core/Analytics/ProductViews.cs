using System.Collections.Concurrent;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Analytics;

/// <summary>
/// Counts product page views without a database write per view: views add up in memory and are flushed every
/// few seconds as one upsert per product and day. A crash loses a few seconds of counts, never a page view's speed.
/// </summary>
public sealed class ProductViews(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, ILogger<ProductViews> logger) : BackgroundService
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);
    private ConcurrentDictionary<(int ProductId, DateOnly Day), int> _pending = new();

    public void Record(int productId) =>
        _pending.AddOrUpdate((productId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), 1, (_, n) => n + 1);

    /// <summary>Writes the counted views (also called at shutdown and by tests).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = Interlocked.Exchange(ref _pending, new());
        if (batch.IsEmpty) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var ((productId, day), views) in batch)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO product_view_days (product_id, day, views) SELECT {productId}, {day}, {views}
                WHERE EXISTS (SELECT 1 FROM products WHERE id = {productId})
                ON CONFLICT (product_id, day) DO UPDATE SET views = product_view_days.views + excluded.views
                """, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(FlushEvery, stoppingToken); }
            catch (OperationCanceledException) { break; }
            try { await FlushAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Product views were not saved"); }
        }
        await FlushAsync(CancellationToken.None);
    }
}
