using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// Keeps this node's index current from the outbox: reads product and stock events after the index's own
/// checkpoint (independently of the dispatcher, so every node sees every event), reloads those products, and
/// writes them with the new checkpoint in one index transaction. An index with no checkpoint is rebuilt.
/// </summary>
public sealed class SearchIndexer(ProductSearchIndex index, SearchDocumentLoader loader, IDbContextFactory<AppDbContext> contexts, ILogger<SearchIndexer> logger)
{
    private static readonly string[] Types = [EventTypes.ProductRegistered, EventTypes.ProductUpdated, EventTypes.ProductDeleted, EventTypes.StockChanged];
    public const int BatchSize = 1000;

    /// <summary>Applies the next batch of events; returns how many events it read (0 when current).</summary>
    public async Task<int> CatchUpOnceAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = index.Checkpoint();
        if (checkpoint is null)
        {
            await RebuildAsync(null, cancellationToken);
            return 1;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id > checkpoint && Types.Contains(m.Type))
            .OrderBy(m => m.Id).Take(BatchSize).Select(m => new { m.Id, m.Payload }).ToListAsync(cancellationToken);
        if (events.Count == 0) return 0;

        var productIds = events.Select(e => ProductIdOf(e.Payload)).Where(id => id > 0).Distinct().ToList();
        var documents = await loader.LoadAsync(productIds, cancellationToken);
        // Products that no longer load (deleted, unpublished, shop suspended) leave the index.
        var gone = productIds.Except(documents.Select(d => d.ProductId)).ToList();
        await index.ApplyAsync(documents, gone, events[^1].Id, cancellationToken: cancellationToken);
        return events.Count;
    }

    /// <summary>How many product and stock events this node's index has not applied yet (its lag).</summary>
    public async Task<int> PendingEventsAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = index.Checkpoint() ?? 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.CountAsync(m => m.Id > checkpoint && Types.Contains(m.Type), cancellationToken);
    }

    /// <summary>Until current; returns the number of events applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int read;
        while ((read = await CatchUpOnceAsync(cancellationToken)) > 0) total += read;
        return total;
    }

    /// <summary>
    /// Rebuilds the index from the database. The checkpoint is the last event id read before the products, so
    /// changes made during the rebuild are applied again afterwards (handling is idempotent).
    /// </summary>
    public async Task<int> RebuildAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default)
    {
        long checkpoint;
        int total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            checkpoint = await db.OutboxMessages.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
            // The products that will become documents (the loader's filter), so progress ends at 100%.
            total = await db.Products.CountAsync(p => p.Status == Catalog.ProductStatus.Active && p.Shop!.Status == Shops.ShopStatus.Active, cancellationToken);
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var afterId = 0;
        var first = true;
        while (true)
        {
            var page = await loader.LoadPageAsync(afterId, 5000, cancellationToken);
            if (page.Count == 0 && !first) break;
            // The first batch clears the index; the checkpoint is written with the last batch only.
            var last = page.Count < 5000;
            await index.ApplyAsync(page, [], last ? checkpoint : null, clearFirst: first, cancellationToken);
            first = false;
            done += page.Count;
            progress?.Report((done, total));
            if (last) break;
            afterId = page[^1].ProductId;
        }
        logger.LogInformation("Search index rebuilt: {Count} products in {Ms} ms", done, started.ElapsedMilliseconds);
        return done;
    }

    private static int ProductIdOf(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("productId", out var id) && id.TryGetInt32(out var value) ? value : 0;
        }
        catch (JsonException) { return 0; }
    }
}
