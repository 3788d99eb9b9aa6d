using System.Diagnostics.Metrics;
using Ecommerce.Core.Common;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// This node's search index on the platform meter: how many product and stock events it has not applied yet
/// (ecommerce.search.index_lag, counted up to 10,000, as the readiness check counts it), read at most every few seconds.
/// </summary>
public sealed class SearchMetrics : IDisposable
{
    private static readonly CurrentHost<SearchMetrics> Host = new();
    private readonly CachedReading<int> _lag;

    static SearchMetrics() =>
        PlatformMeter.Instance.CreateObservableGauge("ecommerce.search.index_lag", () => Host.Current?.Lag() ?? [], "{event}",
            "Product and stock events this node's search index has not applied yet.");

    public SearchMetrics(SearchIndexer indexer, TimeProvider clock, Data.DatabaseReachability reachability, ILogger<SearchMetrics> logger)
    {
        _lag = new CachedReading<int>(indexer.PendingEventsAsync, clock, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), reachability.Loop("Reading the search index lag", logger));
        Host.Enter(this);
    }

    public void Dispose() => Host.Leave(this);

    private IEnumerable<Measurement<int>> Lag() => _lag.TryGet(out var behind) ? [new(behind)] : [];
}
