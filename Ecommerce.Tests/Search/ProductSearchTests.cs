using Ecommerce.Core.Catalog;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Search;

/// <summary>
/// The embedded FTS5 index fed from the outbox, over a real database: ranking, facets, typos, hostile input,
/// catch-up and rebuild. Each test class gets its own database and index file.
/// </summary>
public abstract class ProductSearchTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ProductCommands Commands => database.Services.GetRequiredService<ProductCommands>();
    private SearchIndexer Indexer => database.Services.GetRequiredService<SearchIndexer>();
    private ProductSearchIndex Index => database.Services.GetRequiredService<ProductSearchIndex>();

    private async Task<(int ShopId, string Category)> ShopAsync()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "srch-" + Guid.NewGuid().ToString("N")[..6]);
        return (shop.Id, category.Slug);
    }

    private Task<ProductRef> AddAsync(int shopId, string category, string name, string description = "", decimal price = 50m, int stock = 5, string? brand = null, string ram = "16") =>
        Commands.CreateAsync(shopId, new ProductInput
        {
            Name = name, Description = description, Category = category, Brand = brand,
            Attributes = new Dictionary<string, string> { ["ram"] = ram },
            Variants = [new VariantInput { Price = price, Stock = stock }],
        });

    [Fact]
    public async Task A_name_match_ranks_above_a_description_match()
    {
        var (shop, category) = await ShopAsync();
        var word = "zq" + Guid.NewGuid().ToString("N")[..6];
        var inDescription = await AddAsync(shop, category, "Plain desk lamp", $"Pairs well with any {word} setup.");
        var inName = await AddAsync(shop, category, $"{word} wireless lamp");
        await Indexer.CatchUpAsync();

        var result = Index.Search(new SearchQuery { Text = word });
        Assert.Equal(2, result.Total);
        Assert.Equal([inName.Id, inDescription.Id], result.Items.Select(i => i.ProductId));
        Assert.Contains("<mark>", result.Items[0].HighlightedName);
    }

    [Fact]
    public async Task Facets_count_the_matching_products_and_filters_narrow_them()
    {
        var (shop, category) = await ShopAsync();
        var word = "fx" + Guid.NewGuid().ToString("N")[..6];
        await AddAsync(shop, category, $"{word} alpha", price: 10m, brand: "Acme", ram: "8");
        await AddAsync(shop, category, $"{word} beta", price: 60m, brand: "Acme", ram: "16");
        await AddAsync(shop, category, $"{word} gamma", price: 600m, brand: "Zenith", ram: "16", stock: 0);
        await Indexer.CatchUpAsync();

        var all = Index.Search(new SearchQuery { Text = word });
        Assert.Equal(3, all.Total);
        var brands = all.Facets.Single(f => f.Key == "brand").Values.ToDictionary(v => v.Value, v => v.Count);
        Assert.Equal(2, brands["Acme"]);
        Assert.Equal(1, brands["Zenith"]);
        var ram = all.Facets.Single(f => f.Key == "attr.ram").Values.ToDictionary(v => v.Value, v => v.Count);
        Assert.Equal(2, ram["16"]);
        Assert.Equal(1, ram["8"]);
        Assert.Equal(1, all.Facets.Single(f => f.Key == "price").Values.Single(v => v.Label == "$500 and up").Count);

        Assert.Equal(2, Index.Search(new SearchQuery { Text = word, Brand = "Acme" }).Total);
        Assert.Equal(2, Index.Search(new SearchQuery { Text = word, InStockOnly = true }).Total);
        Assert.Equal(1, Index.Search(new SearchQuery { Text = word, MinPrice = 50, MaxPrice = 100 }).Total);
        Assert.Equal(1, Index.Search(new SearchQuery { Text = word, Attributes = new Dictionary<string, IReadOnlyList<string>> { ["ram"] = ["8"] } }).Total);
        var cheapestFirst = Index.Search(new SearchQuery { Text = word, Sort = SearchSort.PriceLow });
        Assert.Equal([10m, 60m, 600m], cheapestFirst.Items.Select(i => i.Price));
    }

    [Fact]
    public async Task A_typo_offers_the_word_the_catalogue_knows()
    {
        var (shop, category) = await ShopAsync();
        await AddAsync(shop, category, "Studio headphones with noise cancelling");
        await Indexer.CatchUpAsync();

        var result = Index.Search(new SearchQuery { Text = "hedphones" });
        Assert.Equal("headphones", result.DidYouMean);
        Assert.True(Index.Search(new SearchQuery { Text = result.DidYouMean }).Total >= 1);
    }

    [Fact]
    public async Task A_typo_of_a_brand_or_option_word_is_corrected_even_after_a_long_name()
    {
        // Every word of the name, brand, category and attribute values is known to "did you mean", not only the first few.
        var (shop, category) = await ShopAsync();
        await Commands.CreateAsync(shop, new ProductInput
        {
            Name = "Soft warm winter wool blend knitted crew neck jumper", Brand = "Quillfeather", Category = category, Status = ProductStatus.Active,
            Attributes = new Dictionary<string, string> { ["ram"] = "16" },
            Options = [new ProductOption { Name = "Colour", Values = ["Zephyrine"] }],
            Variants = [new VariantInput { Options = new Dictionary<string, string> { ["Colour"] = "Zephyrine" }, Price = 40m, Stock = 2 }],
        });
        await Indexer.CatchUpAsync();

        Assert.Equal("quillfeather", Index.Search(new SearchQuery { Text = "quilfeather" }).DidYouMean);
        Assert.Equal("zephyrine", Index.Search(new SearchQuery { Text = "zephyrrine" }).DidYouMean);
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("(brackets) AND [more] {braces}")]
    [InlineData("*")]
    [InlineData("-minus NOT this")]
    [InlineData("NEAR(a b, 3)")]
    [InlineData("name: lamp OR description:x")]
    [InlineData("🎧🔥 emoji")]
    [InlineData("^ ~ $ % & | ; ' \\")]
    [InlineData("")]
    public async Task Hostile_queries_are_searched_as_plain_words(string text)
    {
        // The product's name holds the hostile text itself: its quotes, operators and column names must be read as
        // the words they contain, so the query finds exactly that product, with no error and nothing else.
        var (shop, category) = await ShopAsync();
        var word = "hq" + Guid.NewGuid().ToString("N")[..6];
        var product = await AddAsync(shop, category, $"{word} {text}".Trim());
        await AddAsync(shop, category, $"{word}other lamp"); // shares the prefix only
        await Indexer.CatchUpAsync();

        var result = Index.Search(new SearchQuery { Text = $"{word} {text}" });
        Assert.Equal(1, result.Total);
        Assert.Equal([product.Id], result.Items.Select(i => i.ProductId));
        Assert.NotNull(Index.Suggest(text));
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_cut_and_searched()
    {
        // Only the first terms count, so the product named by them is found and the rest of the text is ignored.
        var (shop, category) = await ShopAsync();
        var word = "tq" + Guid.NewGuid().ToString("N")[..6];
        var product = await AddAsync(shop, category, $"{word} lamp and x");
        await AddAsync(shop, category, $"{word} lamp"); // lacks "x": every term must match
        await Indexer.CatchUpAsync();

        var result = Index.Search(new SearchQuery { Text = word + " " + string.Concat(Enumerable.Repeat("lamp \"x\" AND ", 800)) });
        Assert.Equal(1, result.Total);
        Assert.Equal([product.Id], result.Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task The_index_catches_up_with_updates_and_deletions()
    {
        var (shop, category) = await ShopAsync();
        var word = "cu" + Guid.NewGuid().ToString("N")[..6];
        var product = await AddAsync(shop, category, $"{word} original");
        await Indexer.CatchUpAsync();
        Assert.Equal(1, Index.Search(new SearchQuery { Text = word }).Total);

        var read = await Commands.FindAsync(shop, product.Id);
        await Commands.UpdateAsync(shop, product.Id, new ProductInput
        {
            Name = "renamed entirely", Category = category, Attributes = new Dictionary<string, string> { ["ram"] = "16" },
            Variants = [new VariantInput { Id = read!.Variants[0].Id, Price = 50m, Stock = 5 }],
        });
        await Indexer.CatchUpAsync();
        Assert.Equal(0, Index.Search(new SearchQuery { Text = word }).Total);
        Assert.Contains(Index.Search(new SearchQuery { Text = "renamed entirely" }).Items, i => i.ProductId == product.Id);

        await Commands.DeleteAsync(shop, product.Id);
        await Indexer.CatchUpAsync();
        Assert.DoesNotContain(Index.Search(new SearchQuery { Text = "renamed entirely" }).Items, i => i.ProductId == product.Id);
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_results_as_the_incremental_index()
    {
        var (shop, category) = await ShopAsync();
        var word = "rb" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 12; i++) await AddAsync(shop, category, $"{word} item {i}", price: 10m + i, brand: i % 2 == 0 ? "Even" : "Odd");
        await AddAsync(shop, category, $"{word} saxophonique");
        await Indexer.CatchUpAsync();
        var query = new SearchQuery { Text = word, PageSize = 50 };
        var incremental = Index.Search(query);
        // "Did you mean" reads the vocabulary, which a rebuild writes on its own path.
        var typo = new SearchQuery { Text = "saxophoniqe" };
        Assert.Equal("saxophonique", Index.Search(typo).DidYouMean);

        var reported = new List<(int Done, int Total)>();
        await Indexer.RebuildAsync(new SyncProgress<(int, int)>(reported.Add));
        var rebuilt = Index.Search(query);

        Assert.Equal(incremental.Items.Select(i => i.ProductId), rebuilt.Items.Select(i => i.ProductId));
        Assert.Equal(incremental.Facets.SelectMany(f => f.Values.Select(v => $"{f.Key}:{v.Value}:{v.Count}")),
                     rebuilt.Facets.SelectMany(f => f.Values.Select(v => $"{f.Key}:{v.Value}:{v.Count}")));
        Assert.Equal("saxophonique", Index.Search(typo).DidYouMean);
        Assert.NotEmpty(reported);
        Assert.Equal(0, await Indexer.CatchUpAsync()); // the rebuild left the index current
    }

    [Fact]
    public async Task Ranking_is_fts5_bm25_with_the_field_weights_then_the_in_stock_boost()
    {
        // The index ranks with its own bm25 function (document lengths from memory); FTS5's bm25() over the same
        // file must give the same order, with the same in-stock and sales boosts applied.
        var (shop, category) = await ShopAsync();
        var word = "rk" + Guid.NewGuid().ToString("N")[..6];
        var other = "ro" + Guid.NewGuid().ToString("N")[..6];
        await AddAsync(shop, category, $"{word} lamp");
        await AddAsync(shop, category, $"{word} {other} long name lamp with many more words in it", stock: 0);
        await AddAsync(shop, category, "Plain lamp", $"A {word} lamp. {word} again, and {other} once.");
        await AddAsync(shop, category, "Branded lamp", brand: word);
        await AddAsync(shop, category, "Lamp described at length", $"This {word} lamp has a long description with many words around the one that matters, so its row is longer than the others.");
        await AddAsync(shop, category, $"{word} {word} twice lamp {other}", $"{word}", stock: 0);
        await Indexer.CatchUpAsync();

        foreach (var text in new[] { word, $"{word} {other}" })
        {
            var result = Index.Search(new SearchQuery { Text = text, PageSize = 50 });
            Assert.Equal(Bm25Order(text), result.Items.Select(i => i.ProductId));
        }
    }

    private List<int> Bm25Order(string text)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Index.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.id FROM (SELECT rowid AS id, bm25(docs_fts, 10.0, 5.0, 5.0, 2.0, 1.0) AS score FROM docs_fts WHERE docs_fts MATCH $match) m
              JOIN docs d ON d.product_id = m.id
             ORDER BY m.score * (CASE WHEN d.in_stock = 1 THEN 1.0 ELSE 0.6 END) * (1.0 + 0.05 * ln(1 + d.sales)), m.id
            """;
        command.Parameters.AddWithValue("$match", QueryText.ToMatch(QueryText.Terms(text)));
        var ids = new List<int>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt32(0));
        return ids;
    }

    [Fact]
    public async Task Shop_sale_and_sort_options_filter_and_order_in_memory_as_they_did_in_sql()
    {
        var (shop, category) = await ShopAsync();
        var (otherShop, _) = await ShopAsync();
        var word = "so" + Guid.NewGuid().ToString("N")[..6];
        var cheap = await AddAsync(shop, category, $"{word} cheap", price: 5m);
        var dear = await AddAsync(shop, category, $"{word} dear", price: 500m);
        var elsewhere = await Commands.CreateAsync(otherShop, new ProductInput
        {
            Name = $"{word} on sale", Category = category, Attributes = new Dictionary<string, string> { ["ram"] = "8" },
            Variants = [new VariantInput { Price = 40m, CompareAtPrice = 60m, Stock = 3 }],
        });
        await Indexer.CatchUpAsync();

        Assert.Equal([dear.Id, elsewhere.Id, cheap.Id], Index.Search(new SearchQuery { Text = word, Sort = SearchSort.PriceHigh }).Items.Select(i => i.ProductId));
        Assert.Equal([elsewhere.Id, dear.Id, cheap.Id], Index.Search(new SearchQuery { Text = word, Sort = SearchSort.Newest }).Items.Select(i => i.ProductId));
        Assert.Equal([elsewhere.Id], Index.Search(new SearchQuery { Text = word, OnSaleOnly = true }).Items.Select(i => i.ProductId));
        var inOtherShop = Index.Search(new SearchQuery { Text = word, Shop = Index.Search(new SearchQuery { Text = word, OnSaleOnly = true }).Items[0].ShopSlug });
        Assert.Equal([elsewhere.Id], inOtherShop.Items.Select(i => i.ProductId));
        Assert.Equal(2, Index.Search(new SearchQuery { Text = word, OnlyShopIds = [shop] }).Total);
        Assert.Equal(0, Index.Search(new SearchQuery { Text = word, OnlyShopIds = [] }).Total);
        Assert.Equal(0, Index.Search(new SearchQuery { Text = word, Brand = "No such brand" }).Total);
        Assert.Equal(2, Index.Search(new SearchQuery { Text = word, Category = category, MaxPrice = 100 }).Total);
        var paged = Index.Search(new SearchQuery { Text = word, Sort = SearchSort.PriceLow, PageSize = 2, Page = 2 });
        Assert.Equal(3, paged.Total);
        Assert.Equal([dear.Id], paged.Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task A_rebuild_keeps_answering_from_the_old_index_until_the_new_one_is_complete()
    {
        var (shop, category) = await ShopAsync();
        var word = "sw" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++) await AddAsync(shop, category, $"{word} item {i}");
        await Indexer.CatchUpAsync();
        Assert.Equal(3, Index.Search(new SearchQuery { Text = word }).Total);

        // Progress is reported while the new file is being written: searches then still see the whole old index.
        var totalsDuringRebuild = new List<int>();
        await Indexer.RebuildAsync(new SyncProgress<(int, int)>(_ => totalsDuringRebuild.Add(Index.Search(new SearchQuery { Text = word }).Total)));
        Assert.NotEmpty(totalsDuringRebuild);
        Assert.All(totalsDuringRebuild, total => Assert.Equal(3, total));
        Assert.Equal(3, Index.Search(new SearchQuery { Text = word }).Total);
    }

    [Fact]
    public async Task The_loader_reads_a_product_as_ef_core_does_and_only_visible_products()
    {
        // The loader reads rows with plain SQL (money, times and JSON as each provider stores them): its documents must
        // carry what EF Core reads for the same product, on both databases.
        var (shop, category) = await ShopAsync();
        var word = "ld" + Guid.NewGuid().ToString("N")[..6];
        var product = await Commands.CreateAsync(shop, new ProductInput
        {
            Name = $"{word} trail shirt", Description = "Light and quick to dry.", Category = category,
            Attributes = new Dictionary<string, string> { ["ram"] = "8" },
            // A value JSON escapes (quotes, non-ASCII) must come back as it was written.
            Options = [new ProductOption { Name = "Size", Values = ["M", "Ü \"slim\" \\ 2"] }],
            Variants =
            [
                new VariantInput { Options = new Dictionary<string, string> { ["Size"] = "M" }, Price = 24.5m, Stock = 0 },
                new VariantInput { Options = new Dictionary<string, string> { ["Size"] = "Ü \"slim\" \\ 2" }, Price = 19.99m, CompareAtPrice = 29.99m, Stock = 3 },
            ],
            Images = [new ImageInput("https://img.test/front.jpg", "Front"), new ImageInput("https://img.test/back.jpg", "Back")],
        });
        var draft = await Commands.CreateAsync(shop, new ProductInput { Name = $"{word} draft", Category = category, Status = ProductStatus.Draft, Attributes = new Dictionary<string, string> { ["ram"] = "8" }, Variants = [new VariantInput { Price = 5m, Stock = 1 }] });
        var unlisted = await AddAsync(shop, category, $"{word} unlisted");
        await using (var db = database.NewContext())
            await db.Products.Where(p => p.Id == unlisted.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.UnlistedAt, DateTime.UtcNow));

        // The card's image is the lowest position whatever the ids say: the image added first is moved behind the other.
        await using (var db = database.NewContext())
            await db.ProductImages.Where(i => i.ProductId == product.Id && i.Url == "https://img.test/front.jpg").ExecuteUpdateAsync(u => u.SetProperty(i => i.Position, 9));

        var loader = database.Services.GetRequiredService<SearchDocumentLoader>();
        var documents = await loader.LoadAsync([product.Id, draft.Id, unlisted.Id]);
        var page = await loader.LoadPageAsync(product.Id - 1, 1);
        Assert.Equal(product.Id, Assert.Single(documents).ProductId);
        var document = documents[0];
        IReadOnlyList<KeyValuePair<string, string>> none = [];
        Assert.Equal(document with { Facets = none }, Assert.Single(page.Documents) with { Facets = none }); // facet lists compare by reference
        Assert.Equal(document.Facets, page.Documents[0].Facets);

        await using var read = database.NewContext();
        var stored = await read.Products.Include(p => p.Shop).Include(p => p.Category).Include(p => p.Images).SingleAsync(p => p.Id == product.Id);
        Assert.Equal((stored.Name, stored.Slug, stored.Brand, stored.Description), (document.Name, document.Slug, document.Brand, document.Description));
        Assert.Equal((stored.ShopId, stored.Shop!.Name, stored.Shop.Slug), (document.ShopId, document.ShopName, document.ShopSlug));
        Assert.Equal((stored.CategoryId, stored.Category!.Name, stored.Category.Slug), (document.CategoryId, document.CategoryName, document.CategorySlug));
        Assert.Equal((19.99m, 29.99m, stored.Currency, true), (document.Price, document.CompareAtPrice, document.Currency, document.InStock));
        Assert.Equal(stored.CreatedAt, document.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, document.CreatedAt.Kind);
        var firstImage = stored.Images.OrderBy(i => i.Position).ThenBy(i => i.Id).First();
        Assert.Equal((firstImage.Url, firstImage.AltText), (document.ImageUrl, document.ImageAlt));
        Assert.Equal("https://img.test/back.jpg", document.ImageUrl);
        Assert.Equal(["ram=8", "size=M", "size=Ü \"slim\" \\ 2"], document.Facets.Select(f => $"{f.Key}={f.Value}"));
        Assert.Equal("8 M Ü \"slim\" \\ 2", document.AttributeText); // attribute values, then each variant's options
    }

    [Fact]
    public async Task Suggestions_complete_a_product_name_prefix()
    {
        var (shop, category) = await ShopAsync();
        var word = "sg" + Guid.NewGuid().ToString("N")[..6];
        await AddAsync(shop, category, $"{word}mark trail shoes");
        await Indexer.CatchUpAsync();
        Assert.Contains(Index.Suggest(word[..5]), s => s.Name.StartsWith(word));
    }
}

/// <summary>IProgress that reports on the caller's thread, so a test sees every report before it asserts.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>The index file itself, without a database.</summary>
public sealed class ProductSearchIndexFileTests
{
    private static SearchDocument Document(int id, string name) =>
        new(id, name, $"p{id}", "Acme", $"{name} described at length", 1, "Shop", "shop", 1, "Laptops", "laptops", null,
            10m + id, null, "EUR", id % 2 == 0, id, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id), null, name,
            [new("colour", id % 3 == 0 ? "Navy" : "Red")], id % 3 == 0 ? "Navy" : "Red");

    [Fact]
    public async Task Writes_leave_merging_to_the_slices_between_them_and_merging_changes_no_result()
    {
        var folder = Directory.CreateTempSubdirectory("search-index-").FullName;
        try
        {
            using var index = new ProductSearchIndex(Path.Combine(folder, "products.db"));
            // 60 writes of one product each (new ones, updates of earlier ones, a few removals): one segment each.
            for (var i = 1; i <= 60; i++)
            {
                var id = i % 4 == 0 ? i / 4 : i;
                await index.ApplyAsync([Document(id, $"merge laptop {(i % 5 == 0 ? "pro" : "air")} {i}")], i % 10 == 0 ? [i - 1] : [], i);
            }
            var queries = new[]
            {
                new SearchQuery { Text = "laptop", PageSize = 100 }, new SearchQuery { Text = "pro" }, new SearchQuery { Text = "air", Sort = SearchSort.PriceHigh },
            };
            string Answers() => string.Join("\n", queries.Select(Answer));
            string Answer(SearchQuery q)
            {
                var result = index.Search(q);
                return $"{result.Total}: {string.Join(",", result.Items.Select(r => r.ProductId))} | {string.Join(",", result.Facets.SelectMany(f => f.Values.Select(v => $"{f.Key}={v.Value}:{v.Count}")))}";
            }
            var before = Answers();

            // None of those writes merged (FTS5's automerge is off in the live index), so there is merging to do,
            // and slices of it end.
            Assert.True(await index.MergeAsync(TimeSpan.Zero), "60 unmerged segments should leave merging to do");
            var slices = 1;
            while (await index.MergeAsync(TimeSpan.Zero)) Assert.True(++slices < 10_000, "merging never finished");

            Assert.Equal(before, Answers());
            Assert.False(await index.MergeAsync(TimeSpan.FromSeconds(1)));
            await index.ApplyAsync([Document(500, "merge laptop after")], [], 61);
            Assert.Equal([500], index.Search(new SearchQuery { Text = "after" }).Items.Select(r => r.ProductId));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_index_file_of_an_older_layout_is_discarded_so_the_indexer_rebuilds_it()
    {
        var folder = Directory.CreateTempSubdirectory("search-index-").FullName;
        try
        {
            var path = Path.Combine(folder, "products.db");
            using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
            {
                old.Open();
                using var command = old.CreateCommand();
                command.CommandText = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('checkpoint', '42');";
                command.ExecuteNonQuery();
            }
            using var index = new ProductSearchIndex(path);
            Assert.Null(index.Checkpoint());
            Assert.Equal(0, index.Search(new SearchQuery { Text = "anything" }).Total);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class SqliteProductSearchTests(SqliteTestDatabase database) : ProductSearchTests<SqliteTestDatabase>(database);

public sealed class PostgresProductSearchTests(PostgresTestDatabase database) : ProductSearchTests<PostgresTestDatabase>(database);
