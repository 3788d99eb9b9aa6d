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
    // After a batch, merging gets as long as the batch took (20 ms to 500 ms), so that it keeps pace with a steady
    // stream of writes; with nothing to index, 100 ms slices, each followed by a look for new events.
    private static readonly TimeSpan MinimumSliceAfterBatch = TimeSpan.FromMilliseconds(20), MaximumSliceAfterBatch = TimeSpan.FromMilliseconds(500),
        IdleSlice = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var read = await indexer.CatchUpOnceAsync(stoppingToken);
                var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                var slice = read > 0 ? TimeSpan.FromTicks(Math.Clamp(took.Ticks, MinimumSliceAfterBatch.Ticks, MaximumSliceAfterBatch.Ticks)) : IdleSlice;
                var merging = await index.MergeAsync(slice, stoppingToken);
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
