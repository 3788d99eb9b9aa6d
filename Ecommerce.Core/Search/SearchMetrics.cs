using System.Diagnostics.Metrics;
using Ecommerce.Core.Common;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// This node's search index on the platform meter: how many product and stock events it has not applied yet
/// (ecommerce.search.index_lag, counted up to 10,000, as the readiness check counts it), read at most every few seconds.
/// </summary>
public sealed class SearchMetrics
{
    private readonly CachedReading<int> _lag;

    public SearchMetrics(SearchIndexer indexer, TimeProvider clock, ILogger<SearchMetrics> logger)
    {
        _lag = new CachedReading<int>(indexer.PendingEventsAsync, clock, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), logger);
        PlatformMeter.Instance.CreateObservableGauge("ecommerce.search.index_lag", Lag, "{event}",
            "Product and stock events this node's search index has not applied yet.");
    }

    private IEnumerable<Measurement<int>> Lag() => _lag.TryGet(out var behind) ? [new(behind)] : [];
}
