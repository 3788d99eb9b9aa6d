using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Data;

/// <summary>
/// How a background loop that polls the database (dispatchers, indexers, sweepers, warmers, gauges) reports its
/// failures: while the database does not answer (<see cref="DbErrors.IsUnreachable"/>) one warning when the loop first
/// finds it away and one information line when it answers again, however often the loop polls meanwhile; any other
/// failure is an error each time. Both ends also tell <see cref="DatabaseReachability"/>, so the storefront learns of an
/// outage from the first loop that meets it. Made by <see cref="DatabaseReachability.Loop"/>; one per loop (or per set of
/// loops doing the same work), kept for its lifetime.
/// </summary>
public sealed class DatabaseLoop
{
    private readonly DatabaseReachability _reachability;
    private readonly string _name;
    private readonly ILogger _logger;
    private long _awaySince; // UTC ticks; 0 while the loop reaches the database

    internal DatabaseLoop(DatabaseReachability reachability, string name, ILogger logger) =>
        (_reachability, _name, _logger) = (reachability, name, logger);

    /// <summary>True while this loop's last attempt found the database unreachable.</summary>
    public bool WaitsForDatabase => Volatile.Read(ref _awaySince) != 0;

    /// <summary>The loop's work went through (it reached the database).</summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref _awaySince) == 0) return;
        if (Interlocked.Exchange(ref _awaySince, 0) is var since and > 0)
        {
            _logger.LogInformation("{Loop}: the database answers again after {Seconds:N0} s; resuming", _name,
                (_reachability.Now.Ticks - since) / (double)TimeSpan.TicksPerSecond);
            _reachability.Reached();
        }
    }

    /// <summary>The loop's work failed with <paramref name="error"/>; it tries again later.</summary>
    public void Failed(Exception error)
    {
        if (!DbErrors.IsUnreachable(error))
        {
            _logger.LogError(error, "{Loop} failed; trying again shortly", _name);
            return;
        }
        _reachability.Unreached(error);
        if (Interlocked.CompareExchange(ref _awaySince, _reachability.Now.Ticks, 0) == 0)
            _logger.LogWarning("{Loop} waits for the database, which does not answer ({Error}); it resumes by itself when the database is back",
                _name, error.GetBaseException().Message);
    }
}
