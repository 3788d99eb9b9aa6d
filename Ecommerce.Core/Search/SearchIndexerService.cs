using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// Runs this node's indexer: catches up, merges the index a slice at a time between batches (see
/// <see cref="ProductSearchIndex.MergeAsync"/>), and looks for new events every 200 ms once both are done.
/// </summary>
public sealed class SearchIndexerService(SearchIndexer indexer, ProductSearchIndex index, ILogger<SearchIndexerService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    // Short enough that a new event waits little for it; a step at 100,000 products takes a few milliseconds.
    private static readonly TimeSpan MergeSlice = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var read = await indexer.CatchUpOnceAsync(stoppingToken);
                // One slice after every batch, so merging keeps up under a steady stream of events too.
                var merging = await index.MergeAsync(MergeSlice, stoppingToken);
                if (read > 0 || merging) continue;
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogError(e, "Search indexing failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { });
            }
        }
    }
}
