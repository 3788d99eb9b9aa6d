using Ecommerce.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// Reads the categories every minute, so the node keeps a recent list (<see cref="StorefrontCatalog"/>) for its
/// storefront to show while the database is away, even before anyone has asked for it.
/// </summary>
internal sealed class CategoryWarmer(StorefrontCatalog catalog, DatabaseReachability reachability, ILogger<CategoryWarmer> logger) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Reading the categories", logger);

    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await catalog.CategoriesAsync(stoppingToken); _health.Succeeded(); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { _health.Failed(e); } // the next minute's read tries again
            try { await Task.Delay(Every, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
