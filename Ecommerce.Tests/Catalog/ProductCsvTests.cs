using System.Text;
using Ecommerce.Core.Catalog;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Catalog;

/// <summary>CSV export and import of a shop's catalogue, on a real database of each provider.</summary>
public abstract class ProductCsvTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ProductCsv Csv => database.Services.GetRequiredService<ProductCsv>();
    private ProductCommands Commands => database.Services.GetRequiredService<ProductCommands>();

    private async Task<(int ShopId, string Category)> ShopAsync()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "csv-" + Guid.NewGuid().ToString("N")[..6]);
        return (shop.Id, category.Slug);
    }

    private async Task<CsvImportResult> ImportAsync(int shopId, string csv, List<CsvImportProgress>? seen = null) =>
        await Csv.ImportAsync(shopId, new MemoryStream(Encoding.UTF8.GetBytes(csv)), seen is null ? null : new SyncProgress(seen));

    private async Task<int> ProductCountAsync(int shopId)
    {
        await using var db = database.NewContext();
        return await db.Products.CountAsync(p => p.ShopId == shopId);
    }

    private static string Header => string.Join(',', ProductCsv.Headers);

    [Fact]
    public async Task Export_then_import_into_another_shop_round_trips_products_and_variants()
    {
        var (shopId, category) = await ShopAsync();
        var created = await Commands.CreateAsync(shopId, new ProductInput
        {
            Name = "Trail shirt, \"light\"", Description = "Line one\nLine **two**", Category = category, Brand = "KUHL", Tags = ["outdoor", "summer"],
            Attributes = new Dictionary<string, string> { ["ram"] = "8" },
            Options = [new ProductOption { Name = "Size", Values = ["S", "M"] }],
            Variants = [new VariantInput { Price = 19.5m, CompareAtPrice = 25m, Stock = 4 }],
        });
        using var exported = new MemoryStream();
        await Csv.ExportAsync(shopId, exported);
        var text = Encoding.UTF8.GetString(exported.ToArray());
        Assert.StartsWith(Header, text);

        // Importing the export into the same shop updates in place: nothing new, nothing lost.
        var again = await ImportAsync(shopId, text);
        Assert.Null(again.FileError);
        Assert.Empty(again.RowErrors);
        Assert.Equal((0, 1), (again.Created, again.Updated));
        var product = await Commands.FindAsync(shopId, created.Id);
        Assert.Equal("Trail shirt, \"light\"", product!.Name);
        Assert.Equal("Line one\nLine **two**", product.Description);
        Assert.Equal(["outdoor", "summer"], product.Tags);
        Assert.Equal("8", product.Attributes["ram"]);
        Assert.Equal(2, product.Variants.Count);
        Assert.All(product.Variants, v => Assert.Equal((19.5m, 25m, 4), (v.Price, v.CompareAtPrice!.Value, v.Stock!.OnHand)));
        Assert.Equal(["S", "M"], product.Variants.Select(v => v.Options["Size"]));

        // Into another shop, with slugs and SKUs renamed (both are unique on the platform), it creates the same product.
        var (otherShop, _) = await ShopAsync();
        var renamed = text.Replace(product.Slug, product.Slug + "-copy");
        foreach (var v in product.Variants) renamed = renamed.Replace(v.Sku, v.Sku + "-C");
        var copy = await ImportAsync(otherShop, renamed);
        Assert.Equal((1, 0), (copy.Created, copy.Updated));
        int copyId;
        await using (var db = database.NewContext()) copyId = await db.Products.Where(p => p.ShopId == otherShop).Select(p => p.Id).SingleAsync();
        var copied = await Commands.FindAsync(otherShop, copyId);
        Assert.Equal(product.Variants.Select(v => (v.Sku + "-C", v.Price, v.Stock!.OnHand)), copied!.Variants.Select(v => (v.Sku, v.Price, v.Stock!.OnHand)));
        Assert.Equal(ProductStatus.Active, copied.Status);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_row_number_and_the_good_products_are_imported()
    {
        var (shopId, category) = await ShopAsync();
        var sku = "DUP-" + Guid.NewGuid().ToString("N")[..6];
        var p = Guid.NewGuid().ToString("N")[..6];
        var csv = $$"""
            {{Header}}
            good-{{p}},Good one,,{{category}},,a;b,Active,"{""ram"":""16""}",G1-{{p}},"{""Size"":""S""}",10.00,,5
            good-{{p}},Good one,,{{category}},,,,,G2-{{p}},"{""Size"":""M""}",11.00,,6
            noname-{{p}},,,{{category}},,,,,,,10,,1
            negative-{{p}},Negative,,{{category}},,,,,,,-3,,1
            unknown-{{p}},Unknown category,,no-such-category,,,,,,,10,,1
            badattr-{{p}},Bad attribute,,{{category}},,,,"{""ram"":""lots""}",,,10,,1
            dup1-{{p}},First with SKU,,{{category}},,,,,{{sku}},,10,,1
            dup2-{{p}},Second with SKU,,{{category}},,,,,{{sku}},,10,,1
            """;
        var seen = new List<CsvImportProgress>();
        var result = await ImportAsync(shopId, csv, seen);

        Assert.Null(result.FileError);
        Assert.Equal(2, result.Created); // good-… (two variants) and dup1-…
        var byRow = result.RowErrors.ToLookup(e => e.Row);
        Assert.Contains("name", byRow[4].Single().Reason);
        Assert.Contains("price", byRow[5].Single().Reason);
        Assert.Contains("no-such-category", byRow[6].Single().Reason);
        Assert.Contains("ram", byRow[7].Single().Reason);
        Assert.Contains("row 8", byRow[9].Single().Reason);
        Assert.Equal([4, 5, 6, 7, 9], result.RowErrors.Select(e => e.Row));

        await using (var db = database.NewContext())
            Assert.Equal(2, await db.ProductVariants.CountAsync(v => v.Product!.Slug == $"good-{p}"));
        Assert.Equal(2, await ProductCountAsync(shopId));

        // Progress: from nothing done to every row done, never going backwards.
        Assert.Equal(new CsvImportProgress(8, 8), seen[^1]);
        Assert.True(seen.Count >= 2);
        Assert.Equal(seen.Select(s => s.RowsDone).Order(), seen.Select(s => s.RowsDone));
    }

    [Theory]
    [InlineData("not a csv at all\u0000\u0001\u0002binary", "binary")]
    [InlineData("Good one,10,5\nOther,11,6", "missing")]
    [InlineData("", "empty")]
    public async Task A_file_that_is_not_a_product_csv_changes_nothing_and_says_why(string content, string why)
    {
        var (shopId, _) = await ShopAsync();
        var result = await ImportAsync(shopId, content);
        Assert.NotNull(result.FileError);
        Assert.Contains(why, result.FileError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await ProductCountAsync(shopId));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        var (shopId, category) = await ShopAsync();
        var row = $"big,Big,{new string('x', 1000)},{category},,,,,,,10,,1\n";
        var csv = Header + "\n" + string.Concat(Enumerable.Repeat(row, (int)(ProductCsv.MaxBytes / row.Length) + 10));
        var result = await ImportAsync(shopId, csv);
        Assert.Contains("larger than", result.FileError);
        Assert.Equal(0, await ProductCountAsync(shopId));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this records reports in order, at once.</summary>
    private sealed class SyncProgress(List<CsvImportProgress> seen) : IProgress<CsvImportProgress>
    {
        public void Report(CsvImportProgress value) => seen.Add(value);
    }
}

public sealed class SqliteProductCsvTests(SqliteTestDatabase database) : ProductCsvTests<SqliteTestDatabase>(database);

public sealed class PostgresProductCsvTests(PostgresTestDatabase database) : ProductCsvTests<PostgresTestDatabase>(database);
