using Ecommerce.Core.Catalog;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
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
    public async Task Hostile_queries_give_results_or_nothing_never_an_error(string text)
    {
        var (shop, category) = await ShopAsync();
        await AddAsync(shop, category, "Desk lamp");
        await Indexer.CatchUpAsync();
        var result = Index.Search(new SearchQuery { Text = text });
        Assert.True(result.Total >= 0);
        Assert.NotNull(Index.Suggest(text));
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_handled()
    {
        var result = Index.Search(new SearchQuery { Text = string.Concat(Enumerable.Repeat("lamp \"x\" AND ", 800)) });
        Assert.True(result.Total >= 0);
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
        await Indexer.CatchUpAsync();
        var query = new SearchQuery { Text = word, PageSize = 50 };
        var incremental = Index.Search(query);

        var reported = new List<(int Done, int Total)>();
        await Indexer.RebuildAsync(new SyncProgress<(int, int)>(reported.Add));
        var rebuilt = Index.Search(query);

        Assert.Equal(incremental.Items.Select(i => i.ProductId), rebuilt.Items.Select(i => i.ProductId));
        Assert.Equal(incremental.Facets.SelectMany(f => f.Values.Select(v => $"{f.Key}:{v.Value}:{v.Count}")),
                     rebuilt.Facets.SelectMany(f => f.Values.Select(v => $"{f.Key}:{v.Value}:{v.Count}")));
        Assert.NotEmpty(reported);
        Assert.Equal(0, await Indexer.CatchUpAsync()); // the rebuild left the index current
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

public sealed class SqliteProductSearchTests(SqliteTestDatabase database) : ProductSearchTests<SqliteTestDatabase>(database);

public sealed class PostgresProductSearchTests(PostgresTestDatabase database) : ProductSearchTests<PostgresTestDatabase>(database);
