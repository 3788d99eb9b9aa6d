using Microsoft.Extensions.Hosting;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// Reads the categories every minute, so the node keeps a recent list (<see cref="StorefrontCatalog"/>) for its
/// storefront to show while the database is away, even before anyone has asked for it.
/// </summary>
internal sealed class CategoryWarmer(StorefrontCatalog catalog) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await catalog.CategoriesAsync(stoppingToken); }
            catch (Exception) when (!stoppingToken.IsCancellationRequested) { } // the next minute's read tries again
            try { await Task.Delay(Every, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
