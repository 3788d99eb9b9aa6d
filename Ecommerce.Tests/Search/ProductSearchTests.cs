using Ecommerce.Core.Events;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Search;

/// <summary>
/// The embedded Lucene index fed from the outbox, over a real database: ranking, facets, typos, hostile input,
/// catch-up and rebuild. Each test class gets its own database and index directory.
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
    public async Task A_product_whose_last_unit_is_held_in_a_checkout_is_out_of_stock_until_the_hold_is_given_back()
    {
        var (shop, category) = await ShopAsync();
        var word = "hd" + Guid.NewGuid().ToString("N")[..6];
        var product = await AddAsync(shop, category, $"{word} last lamp", stock: 1);
        await Indexer.CatchUpAsync();
        Assert.Equal(1, Index.Search(new SearchQuery { Text = word, InStockOnly = true }).Total);

        var reservations = database.Services.GetRequiredService<StockReservations>();
        var holder = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            var variantId = await db.ProductVariants.Where(v => v.ProductId == product.Id).Select(v => v.Id).SingleAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var held = await reservations.ReserveAsync(db, holder, null, [new ReservationRequest(variantId, 1)], "test", DateTime.UtcNow.AddMinutes(10));
            Assert.True(held.Single().Succeeded);
            await transaction.CommitAsync();
        }
        await Indexer.CatchUpAsync();
        Assert.Equal(0, Index.Search(new SearchQuery { Text = word, InStockOnly = true }).Total);
        Assert.False(Index.Search(new SearchQuery { Text = word }).Items.Single().InStock);

        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await reservations.ReleaseHolderAsync(db, holder));
            await transaction.CommitAsync();
        }
        await Indexer.CatchUpAsync();
        Assert.Equal(1, Index.Search(new SearchQuery { Text = word, InStockOnly = true }).Total);
        Assert.True(Index.Search(new SearchQuery { Text = word }).Items.Single().InStock);
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
        // "Did you mean" reads the index's own terms, which a rebuild writes on its own path.
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
    public async Task Ranking_weighs_the_fields_then_prefers_products_in_stock()
    {
        // The same word in one field each, in documents of the same shape: name above brand and category above
        // attributes above description. Among equal matches, a product in stock ranks above one that is not.
        var (shop, category) = await ShopAsync();
        var word = "rk" + Guid.NewGuid().ToString("N")[..6];
        var inDescription = await AddAsync(shop, category, "Plain lamp one", $"A {word} lamp.");
        var inAttributes = await Commands.CreateAsync(shop, new ProductInput
        {
            Name = "Plain lamp two", Category = category, Attributes = new Dictionary<string, string> { ["ram"] = "16" },
            Options = [new ProductOption { Name = "Colour", Values = [word] }],
            Variants = [new VariantInput { Options = new Dictionary<string, string> { ["Colour"] = word }, Price = 50m, Stock = 5 }],
        });
        var inBrand = await AddAsync(shop, category, "Plain lamp three", brand: word);
        var outOfStock = await AddAsync(shop, category, $"{word} lamp four", stock: 0);
        var inName = await AddAsync(shop, category, $"{word} lamp five");
        await Indexer.CatchUpAsync();

        var result = Index.Search(new SearchQuery { Text = word, PageSize = 50 });
        var order = result.Items.Select(i => i.ProductId).ToList();
        Assert.Equal([inName.Id, inBrand.Id, inAttributes.Id, inDescription.Id], order.Where(id => id != outOfStock.Id));
        Assert.True(order.IndexOf(outOfStock.Id) > order.IndexOf(inName.Id), "the same name match out of stock ranks below the one in stock");

        // A shorter name is a stronger match (BM25's length normalisation), all else equal.
        var other = "rl" + Guid.NewGuid().ToString("N")[..6];
        var longName = await AddAsync(shop, category, $"{other} desk lamp with a long name and many more words");
        var shortName = await AddAsync(shop, category, $"{other} lamp");
        await Indexer.CatchUpAsync();
        Assert.Equal([shortName.Id, longName.Id], Index.Search(new SearchQuery { Text = other }).Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task Shop_sale_and_sort_options_filter_and_order()
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
        // Facet and variant lists compare by reference: each on its own.
        Assert.Equal(document with { Facets = none, Variants = null }, Assert.Single(page.Documents) with { Facets = none, Variants = null });
        Assert.Equal(document.Facets, page.Documents[0].Facets);
        Assert.Equal(Describe(document.Variants!), Describe(page.Documents[0].Variants!));

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

        // The variants as the product page shows them (position order), with their stock: what it shows while the database is away.
        var variants = await read.ProductVariants.Include(v => v.Stock).Where(v => v.ProductId == product.Id).OrderBy(v => v.Position).ThenBy(v => v.Id).ToListAsync();
        Assert.Equal(variants.Select(v => $"{v.Id} {v.Sku} {v.Title} {v.Price:0.00} {v.CompareAtPrice:0.00} {v.Stock!.Available}"), Describe(document.Variants!));
        Assert.Equal([0, 3], document.Variants!.Select(v => v.Available));
    }

    private static IEnumerable<string> Describe(IReadOnlyList<SearchVariant> variants) =>
        variants.Select(v => $"{v.Id} {v.Sku} {ProductVariant.TitleOf(v.Options)} {v.Price:0.00} {v.CompareAtPrice:0.00} {v.Available}");

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

/// <summary>The index itself, without a database.</summary>
public sealed class ProductSearchIndexFileTests
{
    private static SearchDocument Document(int id, string name) =>
        new(id, name, $"p{id}", "Acme", $"{name} described at length", 1, "Shop", "shop", 1, "Laptops", "laptops", null,
            10m + id, null, "EUR", id % 2 == 0, id, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id), null, name,
            [new("colour", id % 3 == 0 ? "Navy" : "Red")], id % 3 == 0 ? "Navy" : "Red");

    [Fact]
    public async Task Many_small_writes_answer_as_one_batch_of_the_same_documents_does()
    {
        // 60 commits of one change each (new products, updates of earlier ones, removals) leave many segments for
        // Lucene to merge; the answers must be those of an index written in one batch with the final documents.
        var folder = Directory.CreateTempSubdirectory("search-index-").FullName;
        try
        {
            var final = new Dictionary<int, SearchDocument>();
            using (var index = new ProductSearchIndex(Path.Combine(folder, "small")))
            using (var batch = new ProductSearchIndex(Path.Combine(folder, "batch")))
            {
                for (var i = 1; i <= 60; i++)
                {
                    var id = i % 4 == 0 ? i / 4 : i;
                    var document = Document(id, $"merge laptop {(i % 5 == 0 ? "pro" : "air")} {i}");
                    int[] removed = i % 10 == 0 ? [i - 1] : [];
                    await index.ApplyAsync([document], removed, new OutboxPosition(i, []));
                    final[id] = document;
                    foreach (var r in removed) final.Remove(r);
                }
                await batch.ApplyAsync(final.Values.ToList(), [], new OutboxPosition(60, []));

                var queries = new[]
                {
                    new SearchQuery { Text = "laptop", PageSize = 100 }, new SearchQuery { Text = "pro" }, new SearchQuery { Text = "air", Sort = SearchSort.PriceHigh },
                    new SearchQuery { Attributes = new Dictionary<string, IReadOnlyList<string>> { ["colour"] = ["Navy"] }, PageSize = 100 },
                };
                string Answers(ProductSearchIndex over) => string.Join("\n", queries.Select(q =>
                {
                    var result = over.Search(q);
                    return $"{result.Total}: {string.Join(",", result.Items.Select(r => r.ProductId))} | {string.Join(",", result.Facets.SelectMany(f => f.Values.Select(v => $"{f.Key}={v.Value}:{v.Count}")))}";
                }));
                Assert.Equal(Answers(batch), Answers(index));
                Assert.Equal(final.Count, index.Status().Documents);
                Assert.Equal(60, index.Checkpoint());
            }

            // Reopened, the index reads the same values from its stored documents.
            using var reopened = new ProductSearchIndex(Path.Combine(folder, "small"));
            Assert.Equal(final.Count, reopened.Status().Documents);
            Assert.Equal(final.Keys.Order(), reopened.Search(new SearchQuery { PageSize = 100, Sort = SearchSort.PriceLow }).Items.Select(i => i.ProductId).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_index_of_an_older_layout_is_discarded_so_the_indexer_rebuilds_it()
    {
        var folder = Directory.CreateTempSubdirectory("search-index-").FullName;
        try
        {
            // A complete Lucene index with a checkpoint, written by an older layout (its commit names no layout).
            var old = Path.Combine(folder, "products-3");
            using (var directory = Lucene.Net.Store.FSDirectory.Open(old))
            using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
            {
                writer.AddDocument([new Lucene.Net.Documents.StringField("id", "1", Lucene.Net.Documents.Field.Store.YES)]);
                writer.SetCommitData(new Dictionary<string, string> { ["checkpoint"] = "42" });
                writer.Commit();
            }
            using var index = new ProductSearchIndex(folder);
            Assert.False(Directory.Exists(old));
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
