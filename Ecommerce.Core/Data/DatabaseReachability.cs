using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Data;

/// <summary>
/// Whether this node reaches its database, as its storefront reads find it. A read that a page can do without
/// (<see cref="ReadOrAsync{T}"/>: a product page's details when the index has them, hearts, a cart count, deals,
/// recommendations) gives its fallback when the database is unreachable (<see cref="DbErrors.IsUnreachable"/>), and
/// for a moment after that without trying, so pages answer at once during an outage; one read at a time tries again
/// each <see cref="RetryEvery"/>, and its success ends the outage for every read. Background loops report here too
/// (<see cref="Loop"/>), so the first poll that meets an outage starts it for the storefront, and one that gets through ends it. What must not do without the database
/// (carts, checkout, accounts) does not come here: it fails and is answered with a 503.
/// </summary>
public sealed class DatabaseReachability(TimeProvider clock, ILogger<DatabaseReachability> logger)
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private long _awaySince; // UTC ticks; 0 while reachable
    private long _retryAt;
    private long _lastFallback;
    private long _backAt;
    private int _probing;

    /// <summary>The last read found the database unreachable (and none has reached it since).</summary>
    public bool IsAway => Volatile.Read(ref _awaySince) != 0;

    /// <summary>
    /// True when the database was away at some moment since <paramref name="since"/>: it is now, a read gave its fallback,
    /// or it came back meanwhile. A page rendered over that time may hold fallbacks or the paused-checkout notice.
    /// </summary>
    public bool AwayDuring(DateTime since) =>
        IsAway || Volatile.Read(ref _lastFallback) >= since.Ticks || Volatile.Read(ref _backAt) >= since.Ticks;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The read's value, or the fallback's while the database is unreachable.</summary>
    public async Task<T> ReadOrAsync<T>(Func<Task<T>> read, Func<T> fallback)
    {
        var probe = false;
        if (IsAway)
        {
            if (clock.GetUtcNow().UtcTicks < Volatile.Read(ref _retryAt) || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
                return FallBack(fallback);
            probe = true;
        }
        try
        {
            var value = await read();
            Reached();
            return value;
        }
        catch (Exception e) when (DbErrors.IsUnreachable(e))
        {
            Unreached(e);
            return FallBack(fallback);
        }
        finally
        {
            if (probe) Volatile.Write(ref _probing, 0);
        }
    }

    /// <summary>A background loop's reporter (<see cref="DatabaseLoop"/>): one warning per outage, one line when it ends.</summary>
    public DatabaseLoop Loop(string name, ILogger logger) => new(this, name, logger);

    /// <summary>A read or a loop reached the database: an outage, if there was one, ends for every read.</summary>
    internal void Reached()
    {
        if (!IsAway) return;
        Volatile.Write(ref _backAt, clock.GetUtcNow().UtcTicks); // before it stops being away: AwayDuring never misses it
        if (Interlocked.Exchange(ref _awaySince, 0) is var since and > 0)
            logger.LogInformation("The database answers again after {Seconds:N0} s; storefront reads use it again", (clock.GetUtcNow().UtcTicks - since) / (double)TimeSpan.TicksPerSecond);
    }

    /// <summary>A read or a loop found the database unreachable: reads fall back at once, and try it again each <see cref="RetryEvery"/>.</summary>
    internal void Unreached(Exception error)
    {
        var now = clock.GetUtcNow().UtcTicks;
        Volatile.Write(ref _retryAt, now + RetryEvery.Ticks);
        // Pooled SQLite connections may hold handles on a file or volume that went away: closed, so that reads open the
        // file afresh (and find it again once it is back).
        for (var e = error; e is not null; e = e.InnerException)
            if (e is SqliteException) { SqliteConnection.ClearAllPools(); break; }
        if (Interlocked.CompareExchange(ref _awaySince, now, 0) == 0)
        {
            logger.LogWarning("The database does not answer ({Error}); storefront pages are served from the search index and caches", error.GetBaseException().Message);
            WentAway?.Invoke();
        }
    }

    /// <summary>
    /// Raised once as an outage begins, on the thread that found it: a page being rendered then (whose own read may be
    /// the one that found it) shows the paused-checkout notice although it began rendering before.
    /// </summary>
    public event Action? WentAway;

    private T FallBack<T>(Func<T> fallback)
    {
        Volatile.Write(ref _lastFallback, clock.GetUtcNow().UtcTicks);
        return fallback();
    }
}
