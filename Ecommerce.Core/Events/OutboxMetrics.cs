using System.Diagnostics.Metrics;
using Ecommerce.Core.Common;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Events;

/// <summary>
/// The event pipeline on the platform meter: events waiting by status (ecommerce.outbox.events) and the age of the
/// oldest one not handled yet (ecommerce.outbox.oldest_pending_age, 0 when none waits). Read from
/// <see cref="OutboxMonitor.BacklogAsync"/> at most every few seconds, whoever scrapes.
/// </summary>
public sealed class OutboxMetrics : IDisposable
{
    private static readonly CurrentHost<OutboxMetrics> Host = new();
    private readonly CachedReading<OutboxBacklog> _backlog;
    private readonly TimeProvider _clock;

    static OutboxMetrics()
    {
        var meter = PlatformMeter.Instance;
        meter.CreateObservableGauge("ecommerce.outbox.events", () => Host.Current?.Events() ?? [], "{event}",
            "Outbox events not handled yet, by status: pending (waiting or backing off), processing, failed (parked for an admin).");
        meter.CreateObservableGauge("ecommerce.outbox.oldest_pending_age", () => Host.Current?.OldestAge() ?? [], "s",
            "Seconds since the oldest pending or processing event happened; 0 when none waits.");
    }

    public OutboxMetrics(OutboxMonitor monitor, TimeProvider clock, Data.DatabaseReachability reachability, ILogger<OutboxMetrics> logger)
    {
        _clock = clock;
        _backlog = new CachedReading<OutboxBacklog>(monitor.BacklogAsync, clock, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), reachability.Loop("Reading the outbox figures", logger));
        Host.Enter(this);
    }

    public void Dispose() => Host.Leave(this);

    private IEnumerable<Measurement<int>> Events()
    {
        if (!_backlog.TryGet(out var backlog)) return [];
        return
        [
            new(backlog.Pending, new KeyValuePair<string, object?>("status", "pending")),
            new(backlog.Processing, new KeyValuePair<string, object?>("status", "processing")),
            new(backlog.Failed, new KeyValuePair<string, object?>("status", "failed")),
        ];
    }

    private IEnumerable<Measurement<double>> OldestAge()
    {
        if (!_backlog.TryGet(out var backlog)) return [];
        var age = backlog.OldestUnhandledAt is { } at ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - at).TotalSeconds) : 0;
        return [new(age)];
    }
}
