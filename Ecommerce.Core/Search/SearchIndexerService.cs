using Ecommerce.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// Runs this node's indexer: catches up, then looks for new events every 200 ms. Lucene merges the index's segments
/// on its own threads.
/// </summary>
public sealed class SearchIndexerService(SearchIndexer indexer, ProductSearchIndex index, DatabaseReachability reachability, ILogger<SearchIndexerService> logger)
    : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Search indexing", logger);
    private readonly DatabaseLoop _upgradeHealth = reachability.Loop("Rebuilding the search index", logger);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Searches answer from the older index while its replacement is written beside it; catching up goes on meanwhile.
        var upgrading = index.OlderDocumentFormat is { } format ? UpgradeAsync(format, stoppingToken) : Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var read = await indexer.CatchUpOnceAsync(stoppingToken);
                _health.Succeeded();
                if (read > 0) continue;
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                _health.Failed(e);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { });
            }
        }
        await upgrading;
    }

    /// <summary>
    /// An index written by an earlier version (its documents lack what this one stores, such as the variants a product
    /// page needs while the database is away) is rebuilt once, by itself, as an admin's rebuild would: into a new
    /// directory swapped in when complete. Tried again until it succeeds (the database may be away at start).
    /// </summary>
    private async Task UpgradeAsync(int format, CancellationToken stoppingToken)
    {
        logger.LogWarning("This node's search index holds documents of an older format ({Format}; this version writes {Current}): " +
                          "rebuilding it in the background, searches answer from it meanwhile", format, ProductSearchIndex.DocumentFormat);
        while (!stoppingToken.IsCancellationRequested && index.OlderDocumentFormat is not null)
        {
            try
            {
                await indexer.RebuildAsync(null, stoppingToken, reason: "the index was written by an earlier version");
                _upgradeHealth.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                _upgradeHealth.Failed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { });
            }
        }
    }
}
