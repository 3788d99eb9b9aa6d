using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// Runs this node's indexer: catches up, merges the index between batches (see <see cref="ProductSearchIndex.MergeAsync"/>),
/// and looks for new events every 200 ms once both are done.
/// </summary>
public sealed class SearchIndexerService(SearchIndexer indexer, ProductSearchIndex index, ILogger<SearchIndexerService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    // A short slice after every batch, so that merging goes on under a steady stream of writes while a new batch waits
    // at most that long for it; longer ones while there is nothing to index, each followed by a look for new events.
    private static readonly TimeSpan SliceAfterBatch = TimeSpan.FromMilliseconds(20), IdleSlice = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var read = await indexer.CatchUpOnceAsync(stoppingToken);
                var merging = await index.MergeAsync(read > 0 ? SliceAfterBatch : IdleSlice, stoppingToken);
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
