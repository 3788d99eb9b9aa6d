using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Common;

/// <summary>
/// The platform's own meter: every capability's instruments (CheckoutMetrics, OutboxMetrics, SearchMetrics) live on it.
/// One meter for the process, never disposed: OpenTelemetry merges meters of one name into one stream and stops that
/// stream for all of them when any one is disposed (open-telemetry/opentelemetry-dotnet#6412), which a per-host meter
/// would do whenever a second host in the process (a test's) shuts down.
/// </summary>
public static class PlatformMeter
{
    public const string Name = "Ecommerce";

    public static Meter Instance { get; } = new(Name);
}

/// <summary>
/// The owners of observable instruments that are created once per process on <see cref="PlatformMeter"/> (a gauge
/// registered by each host would be reported once per host the process ever started, tests' hosts included, and keep
/// them alive): the instruments read through the owner of the live host started last.
/// </summary>
public sealed class CurrentHost<T> where T : class
{
    private readonly Lock _lock = new();
    private readonly List<T> _live = [];

    public T? Current
    {
        get { lock (_lock) return _live.Count == 0 ? null : _live[^1]; }
    }

    /// <summary>Called by the owner's constructor: its host is the one the instruments read from now.</summary>
    public void Enter(T owner)
    {
        lock (_lock) _live.Add(owner);
    }

    /// <summary>Called when the owner's host is disposed: the instruments read the live host started before it.</summary>
    public void Leave(T owner)
    {
        lock (_lock) _live.Remove(owner);
    }
}

/// <summary>
/// A figure for observable gauges that costs a query: read at most once per <paramref name="maxAge"/> however often and
/// by however many scrapers it is asked, and given up after <paramref name="timeout"/> (a scrape must not hang on a
/// database that does not answer). While it cannot be read, nothing is reported: a stale figure would look healthy.
/// </summary>
public sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeProvider clock, TimeSpan maxAge, TimeSpan timeout, Data.DatabaseLoop health)
{
    private readonly Lock _lock = new();
    private T _value = default!;
    private bool _read;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The figure, read again when older than the cache allows; false when it could not be read.</summary>
    public bool TryGet(out T value)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now - _readAt >= maxAge)
            {
                _readAt = now;
                try
                {
                    using var cancel = new CancellationTokenSource(timeout);
                    // Observable instruments are read synchronously: the query runs on the pool while this thread waits.
                    _value = Task.Run(() => read(cancel.Token), cancel.Token).WaitAsync(timeout).GetAwaiter().GetResult();
                    _read = true;
                    health.Succeeded();
                }
                catch (Exception e)
                {
                    _read = false; // left out until the next try
                    health.Failed(e);
                }
            }
            value = _value;
            return _read;
        }
    }
}
