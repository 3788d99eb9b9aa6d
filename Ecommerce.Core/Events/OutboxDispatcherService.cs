using Ecommerce.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Events;

/// <summary>
/// Runs the dispatcher on every node, in <see cref="OutboxOptions.Workers"/> loops: each drains what is due, then
/// waits for a signal or the poll interval. Loops on one node are like more nodes: each claims its own batches, and
/// handlers already allow events to be handled in any order across batches.
/// </summary>
public sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<OutboxOptions> options,
    DatabaseSettings database, DatabaseReachability reachability, ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Outbox dispatch", logger);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, options.Value.Workers ?? (database.Provider == DatabaseProvider.Sqlite ? 1 : 4));
        return Task.WhenAll(Enumerable.Range(0, workers).Select(loop => LoopAsync($"{dispatcher.NodeId}/{loop}", loop == 0, stoppingToken)));
    }

    /// <param name="polls">The first loop polls at the interval; the others mostly wait to be woken by a loop that
    /// found work, so an idle node asks the database about as often with four loops as with one.</param>
    private async Task LoopAsync(string claimant, bool polls, CancellationToken stoppingToken)
    {
        var idleWait = polls ? options.Value.PollInterval : options.Value.PollInterval * 10;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var dispatched = await dispatcher.DispatchOnceAsync(claimant, stoppingToken);
                _health.Succeeded();
                if (dispatched > 0) { signal.Notify(); continue; } // wake an idle loop: more may be due
                await signal.WaitAsync(idleWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                _health.Failed(e); // the database away: one warning, not one per poll
                await Task.Delay(options.Value.PollInterval, stoppingToken).ContinueWith(_ => { });
            }
        }
    }
}
