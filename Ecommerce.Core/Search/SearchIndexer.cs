using System.Text.Json;
using System.Threading.Channels;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Search;

/// <summary>
/// Keeps this node's index current from the outbox: reads product and stock events after the index's own
/// position (independently of the dispatcher, so every node sees every event), reloads those products, and
/// writes them with the new position in one index commit. The position comes from <see cref="OutboxCursor"/>,
/// so an event whose transaction commits after a later id's is still applied. An index with no position is rebuilt.
/// </summary>
public sealed class SearchIndexer(ProductSearchIndex index, SearchDocumentLoader loader, IDbContextFactory<AppDbContext> contexts, OutboxCursor cursor, ILogger<SearchIndexer> logger)
{
    private static readonly string[] Types = [EventTypes.ProductRegistered, EventTypes.ProductUpdated, EventTypes.ProductDeleted, EventTypes.StockChanged, EventTypes.ShopStatusChanged, EventTypes.CategoryChanged];
    public const int BatchSize = 1000;

    /// <summary>Applies the next batch of events; returns how many events it read (0 when current).</summary>
    public async Task<int> CatchUpOnceAsync(CancellationToken cancellationToken = default)
    {
        var position = index.Position();
        if (position is null)
        {
            await RebuildAsync(null, cancellationToken, reason: "this node had no index yet");
            return 1;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var batch = await cursor.ReadAsync(db, position, Types, BatchSize, cancellationToken);
        var events = batch.Events;
        if (events.Count == 0)
        {
            // Other events moved the position, or holes were given up on: kept, so the next read starts there.
            if (!batch.Position.Equals(position)) await index.ApplyAsync([], [], batch.Position, cancellationToken, readFrom: position);
            return 0;
        }

        var productIds = events.Where(e => e.Type is not (EventTypes.ShopStatusChanged or EventTypes.CategoryChanged)).Select(e => IdOf(e.Payload, "productId")).Where(id => id > 0).ToList();
        // A suspended or reinstated shop: every product of it is reloaded (and leaves the index if no longer sold).
        var shopIds = events.Where(e => e.Type == EventTypes.ShopStatusChanged).Select(e => IdOf(e.Payload, "shopId")).Where(id => id > 0).Distinct().ToList();
        if (shopIds.Count > 0)
            productIds.AddRange(await db.Products.Where(p => shopIds.Contains(p.ShopId)).Select(p => p.Id).ToListAsync(cancellationToken));
        // A renamed, re-slugged, moved or re-templated category: its products, and its subcategories' (they carry its slug as parent).
        var categoryIds = events.Where(e => e.Type == EventTypes.CategoryChanged).Select(e => IdOf(e.Payload, "categoryId")).Where(id => id > 0).Distinct().ToList();
        if (categoryIds.Count > 0)
            productIds.AddRange(await db.Products.Where(p => categoryIds.Contains(p.CategoryId) || (p.Category!.ParentId != null && categoryIds.Contains(p.Category.ParentId.Value)))
                .Select(p => p.Id).ToListAsync(cancellationToken));
        productIds = productIds.Distinct().ToList();
        var documents = await loader.LoadAsync(productIds, cancellationToken);
        // Products that no longer load (deleted, unpublished, shop suspended) leave the index.
        var gone = productIds.Except(documents.Select(d => d.ProductId)).ToList();
        await index.ApplyAsync(documents, gone, batch.Position, cancellationToken, readFrom: position);
        return events.Count;
    }

    /// <summary>How many product and stock events this node's index has not applied yet (its lag, counted up to 10,000).</summary>
    public async Task<int> PendingEventsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await cursor.PendingAsync(db, index.Position() ?? OutboxPosition.Start, Types, cancellationToken: cancellationToken);
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
    /// Rebuilds the index from the database into a new directory, then swaps it in: searches keep answering from the old
    /// index meanwhile. Pages of products are read while the previous page is indexed (both cores work).
    /// The position is taken before the products are read, so changes made during the rebuild are applied again
    /// afterwards (handling is idempotent). One rebuild at a time.
    /// </summary>
    /// <param name="reason">Why, as the admin console shows it beside the progress.</param>
    public async Task<int> RebuildAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default, string reason = "asked for")
    {
        await _rebuildLock.WaitAsync(cancellationToken);
        var state = new SearchIndexRebuild(reason, DateTime.UtcNow);
        LastRebuild = state;
        try
        {
            // Taken before the products are read: what changes meanwhile is applied again afterwards, including
            // transactions still open now (their ids are holes in the position).
            OutboxPosition position;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                position = await cursor.CurrentAsync(db, cancellationToken);
            // The products that will become documents (the loader's filter), so progress ends at 100%: counted beside
            // the first page rather than before it (a tenth of a second at 100,000 products, all of it waiting).
            var counting = Task.Run(async () =>
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                return await db.Products.CountAsync(Catalog.ProductVisibility.IsSold, cancellationToken);
            }, CancellationToken.None);
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var build = index.BeginRebuild();
            // Reading pages from the database while Lucene indexes the pages read before: both cores stay busy.
            var loaded = Channel.CreateBounded<DocumentPage>(new BoundedChannelOptions(2) { SingleReader = false, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = Stage(loaded.Writer, async () =>
            {
                for (var afterId = 0; ;)
                {
                    var page = await loader.LoadPageAsync(afterId, RebuildPageSize, stop.Token);
                    if (page.Documents.Count > 0) await loaded.Writer.WriteAsync(page, stop.Token);
                    if (page.IsLast) break;
                    afterId = page.LastId;
                }
            });

            var done = 0;
            try
            {
                // Two indexing loops beside the reading stage: Lucene indexes pages side by side, so both cores work.
                var indexing = Enumerable.Range(0, IndexingLoops).Select(_ => Task.Run(async () =>
                {
                    await foreach (var page in loaded.Reader.ReadAllAsync(cancellationToken))
                    {
                        build.Add(page.Documents);
                        var total = await counting;
                        lock (build) // reports in order, each with more done than the last
                        {
                            done += page.Documents.Count;
                            (state.Done, state.Total) = (done, total);
                            progress?.Report((done, total));
                        }
                    }
                }, cancellationToken)).ToList();
                await Task.WhenAll(indexing);
            }
            finally
            {
                // On failure, stop the other stages too (they may be waiting for room in a channel).
                stop.Cancel();
                await reading;
                // Finished before the lock is released; a failure of its own only matters where it is awaited above.
                await ((Task)counting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            await index.CompleteRebuildAsync(build, position, cancellationToken);
            if (done == 0) progress?.Report((0, await counting));
            logger.LogInformation("Search index rebuilt ({Reason}): {Count} products in {Ms} ms", reason, done, started.ElapsedMilliseconds);
            state.FinishedAt = DateTime.UtcNow;
            return done;
        }
        catch (Exception e)
        {
            state.Failure = e.GetBaseException().Message;
            throw;
        }
        finally
        {
            _rebuildLock.Release();
        }
    }

    /// <summary>The rebuild running now, or the last one since this node started (whoever started it); null if none.</summary>
    public SearchIndexRebuild? LastRebuild { get; private set; }

    /// <summary>Runs a stage of the rebuild's pipeline; its output is completed when it ends, with its error if it failed.</summary>
    private static Task Stage<T>(ChannelWriter<T> output, Func<Task> body) => Task.Run(async () =>
    {
        try
        {
            await body();
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }, CancellationToken.None);

    private const int RebuildPageSize = 2000;
    private const int IndexingLoops = 2;
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);

    private static int IdOf(string payload, string property)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty(property, out var id) && id.TryGetInt32(out var value) ? value : 0;
        }
        catch (JsonException) { return 0; }
    }
}
