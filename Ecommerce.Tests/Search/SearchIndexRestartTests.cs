using Ecommerce.Core.Catalog;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecommerce.Tests.Search;

/// <summary>
/// A node restarting on a data folder whose search index is current must not rebuild it (a rebuild of a large
/// catalogue takes minutes): it opens the same index directory and applies only the events written after its
/// checkpoint. "The same directory" is checked by a marker file written into it between the two runs: a rebuild
/// writes a new directory and swaps it in, which would lose the marker.
/// </summary>
public abstract class SearchIndexRestartTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ProductCommands Commands => database.Services.GetRequiredService<ProductCommands>();

    private SearchIndexer IndexerOver(ProductSearchIndex index) =>
        new(index, database.Services.GetRequiredService<SearchDocumentLoader>(), database.Contexts, database.Services.GetRequiredService<Ecommerce.Core.Events.OutboxCursor>(), NullLogger<SearchIndexer>.Instance);

    private async Task<(int ShopId, string Category)> ShopAsync()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "rst-" + Guid.NewGuid().ToString("N")[..6]);
        return (shop.Id, category.Slug);
    }

    private Task<ProductRef> AddAsync(int shopId, string category, string name) =>
        Commands.CreateAsync(shopId, new ProductInput
        {
            Name = name, Category = category, Attributes = new Dictionary<string, string> { ["ram"] = "8" },
            Variants = [new VariantInput { Price = 20m, Stock = 3 }],
        });

    [Fact]
    public async Task A_restart_on_a_current_index_keeps_the_file_and_catches_up_from_its_checkpoint()
    {
        var folder = Directory.CreateTempSubdirectory("search-restart-").FullName;
        try
        {
            var path = folder;
            var (shop, category) = await ShopAsync();
            var word = "rs" + Guid.NewGuid().ToString("N")[..6];
            var before = await AddAsync(shop, category, $"{word} before the restart");

            long firstCheckpoint;
            using (var first = new ProductSearchIndex(path))
            {
                await IndexerOver(first).CatchUpAsync(); // a new file: built from the database
                firstCheckpoint = first.Checkpoint() ?? throw new Xunit.Sdk.XunitException("the first build left no checkpoint");
                Assert.Equal([before.Id], first.Search(new SearchQuery { Text = word }).Items.Select(i => i.ProductId));
            }

            // The node is down: the file gets a marker, and a product is written that the index has not seen.
            WriteMarker(path);
            var whileDown = await AddAsync(shop, category, $"{word} while the node was down");

            using var second = new ProductSearchIndex(path);
            Assert.Equal(firstCheckpoint, second.Checkpoint());
            Assert.Equal([before.Id], second.Search(new SearchQuery { Text = word }).Items.Select(i => i.ProductId));
            var indexer = IndexerOver(second);
            Assert.True(await indexer.PendingEventsAsync() >= 1);

            var applied = await indexer.CatchUpAsync();

            Assert.True(applied >= 1, "the events written while down are applied");
            Assert.True(second.Checkpoint() > firstCheckpoint);
            Assert.Equal(0, await indexer.PendingEventsAsync());
            Assert.Equal([before.Id, whileDown.Id], second.Search(new SearchQuery { Text = word }).Items.Select(i => i.ProductId).Order());
            Assert.True(HasMarker(path), "the index directory was replaced: a rebuild happened on a current index");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_rebuild_cut_short_by_a_killed_process_leaves_the_old_index_in_use_and_its_directory_is_removed()
    {
        var folder = Directory.CreateTempSubdirectory("search-restart-").FullName;
        try
        {
            var path = folder;
            var (shop, category) = await ShopAsync();
            var word = "rk" + Guid.NewGuid().ToString("N")[..6];
            var product = await AddAsync(shop, category, $"{word} indexed");
            long checkpoint;
            using (var first = new ProductSearchIndex(path))
            {
                await IndexerOver(first).CatchUpAsync();
                checkpoint = first.Checkpoint()!.Value;
            }
            WriteMarker(path);
            // What a process killed in the middle of a rebuild leaves beside the live index: a newer directory with
            // segments but no commit.
            var unfinished = Path.Combine(folder, "products-99");
            Directory.CreateDirectory(unfinished);
            await File.WriteAllTextAsync(Path.Combine(unfinished, "_0.cfs"), "half a rebuild");

            using var second = new ProductSearchIndex(path);
            Assert.False(Directory.Exists(unfinished));
            Assert.Equal(checkpoint, second.Checkpoint());
            Assert.Equal(0, await IndexerOver(second).CatchUpAsync());
            Assert.Equal([product.Id], second.Search(new SearchQuery { Text = word }).Items.Select(i => i.ProductId));
            Assert.True(HasMarker(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A file of no index format: Lucene leaves it alone, a rebuild (a new directory) would not carry it over.
    private static void WriteMarker(string folder) =>
        File.WriteAllText(Path.Combine(CurrentIndexDirectory(folder), "test-marker"), "same directory");

    private static bool HasMarker(string folder) => File.Exists(Path.Combine(CurrentIndexDirectory(folder), "test-marker"));

    private static string CurrentIndexDirectory(string folder) => Assert.Single(Directory.GetDirectories(folder, "products-*"));
}

public sealed class SqliteSearchIndexRestartTests(SqliteTestDatabase database) : SearchIndexRestartTests<SqliteTestDatabase>(database);

public sealed class PostgresSearchIndexRestartTests(PostgresTestDatabase database) : SearchIndexRestartTests<PostgresTestDatabase>(database);
