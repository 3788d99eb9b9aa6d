using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Inventory;

/// <summary>
/// Twice a second, on every node, keeps the <see cref="SoldOutBoard"/> true: a variant whose count changed anywhere
/// (stock.changed: a restock, an edit, a return) is read again before the board answers on it, and what the board
/// believes sold out is read again from the database (units that came back through an expired hold or a cancelled order, which change no count).
/// </summary>
public sealed class SoldOutBoardCorrector(
    SoldOutBoard board, IDbContextFactory<AppDbContext> contexts, OutboxCursor cursor, ILogger<SoldOutBoardCorrector> logger,
    DatabaseReachability reachability) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Correcting the sold-out board", logger);

    private static readonly string[] StockEvents = [EventTypes.StockChanged];
    private OutboxPosition? _position; // in memory, like the board: a restarted node starts with an empty board

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await CorrectAsync(stoppingToken); _health.Succeeded(); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            // The database away: the board's beliefs age out by themselves (it answers only from fresh ones).
            catch (Exception e) { _health.Failed(e); }
            try { await Task.Delay(SoldOutBoard.CorrectionInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public async Task CorrectAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            _position ??= await cursor.CurrentAsync(db, cancellationToken);
            OutboxBatch batch;
            do
            {
                batch = await cursor.ReadAsync(db, _position, StockEvents, 500, cancellationToken);
                foreach (var e in batch.Events)
                    if (VariantOf(e) is { } variantId) board.ReadAgain(variantId);
                _position = batch.Position;
            } while (!batch.CaughtUp);
        }
        await board.CorrectAsync(cancellationToken);
    }

    private static int? VariantOf(OutboxMessage e)
    {
        try { return JsonSerializer.Deserialize<StockChangedEvent>(e.Payload, Outbox.Json)?.VariantId; }
        catch (JsonException) { return null; }
    }
}
