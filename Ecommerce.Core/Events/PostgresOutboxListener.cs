using Ecommerce.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecommerce.Core.Events;

/// <summary>
/// On PostgreSQL, wakes this node's dispatcher when any node commits events: the outbox's insert trigger sends a
/// NOTIFY on <see cref="Channel"/> at commit, and this listens on its own connection (outside the pool). The poll
/// stays the safety net: a notice missed while the connection was down costs at most one poll interval.
/// </summary>
public sealed class PostgresOutboxListener(DatabaseSettings database, OutboxSignal signal, DatabaseReachability reachability, ILogger<PostgresOutboxListener> logger) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Listening for outbox notices", logger);

    public const string Channel = "outbox_written";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the node first listens (for tests and start-up checks).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Keepalives tell a dead server from a quiet one; no pool: this connection lives as long as the node.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                signal.Notify(); // whatever was committed while nobody listened
                _health.Succeeded();
                _listening.TrySetResult();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                if (DbErrors.IsUnreachable(e)) _health.Failed(e); // once per outage; the dispatchers poll meanwhile
                else logger.LogWarning("Not listening for outbox notices ({Reason}); polling meanwhile, trying again in {Seconds} s", e.Message, RetryAfter.TotalSeconds);
                await Task.Delay(RetryAfter, stoppingToken).ContinueWith(_ => { });
            }
        }
    }
}
