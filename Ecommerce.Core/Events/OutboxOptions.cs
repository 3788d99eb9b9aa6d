namespace Ecommerce.Core.Events;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    /// <summary>How often an idle dispatcher looks for new events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public int BatchSize { get; set; } = 50;
    /// <summary>After this many failed attempts an event is parked as failed.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Backoff after the first failure; doubles with each further failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a claimed batch is held before another node may take it again.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    public bool DispatcherEnabled { get; set; } = true;
    /// <summary>
    /// Dispatch loops on this node, each claiming its own batches: handlers wait on the database and the mail server
    /// far more than they compute, so several loops keep a node busy. Unset: 4 on PostgreSQL and SQL Server (claims skip each other's
    /// rows), 1 on SQLite (one writer at a time, so more loops only queue for the lock).
    /// </summary>
    public int? Workers { get; set; }
    /// <summary>
    /// How long a reader that keeps a checkpoint (OutboxCursor) waits for an id that is missing below ids already
    /// committed before giving it up as rolled back. Well above the longest transaction that writes an event.
    /// </summary>
    public TimeSpan HoleGracePeriod { get; set; } = TimeSpan.FromMinutes(2);
}
