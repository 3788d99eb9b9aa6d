using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Tests.Data;

/// <summary>The one model behaves the same on both providers: migrations, JSON documents, money, concurrency.</summary>
public abstract class StorageTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    [Fact]
    public async Task Migrations_create_the_schema_with_nothing_pending()
    {
        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // Every migration of this provider is applied, in order, and none the code does not know of.
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());

        // Every table and column of the model exists: selecting them all (no rows) fails on anything missing.
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsMappedToJson())
            .GroupBy(e => StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()));
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var columns = table.SelectMany(e => e.GetProperties()).Select(p => p.GetColumnName(table.Key)).OfType<string>().Distinct()
                .Select(c => sql.DelimitIdentifier(c));
            var select = $"SELECT {string.Join(", ", columns)} FROM {sql.DelimitIdentifier(table.Key.Name, table.Key.Schema)} WHERE 1 = 0";
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = select;
            await db.Database.OpenConnectionAsync();
            await using var reader = await command.ExecuteReaderAsync();
            Assert.False(await reader.ReadAsync(), select);
        }
    }

    [Fact]
    public async Task Product_attributes_and_variant_options_round_trip_as_json()
    {
        int id;
        await using (var db = database.NewContext())
        {
            var (shop, category) = await TestData.ShopWithCategoryAsync(db, "json-" + Guid.NewGuid().ToString("N")[..6]);
            var product = TestData.Product(shop, category, "Laptop 14", 999.99m, 3);
            product.Attributes = new() { ["ram"] = "32", ["colour"] = "Space grey \"matte\"" };
            product.Tags = ["laptop", "ultrabook"];
            product.Variants[0].Options = new() { ["Storage"] = "1 TB" };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            id = product.Id;
        }
        await using (var db = database.NewContext())
        {
            var loaded = await db.Products.Include(p => p.Variants).Include(p => p.Category).SingleAsync(p => p.Id == id);
            Assert.Equal("32", loaded.Attributes["ram"]);
            Assert.Equal("Space grey \"matte\"", loaded.Attributes["colour"]);
            Assert.Equal(["laptop", "ultrabook"], loaded.Tags);
            Assert.Equal("1 TB", loaded.Variants[0].Options["Storage"]);
            Assert.Equal(AttributeType.Number, loaded.Category!.AttributeTemplate.Single().Type);
            Assert.Equal("GB", loaded.Category.AttributeTemplate.Single().Unit);
        }
    }

    [Fact]
    public async Task Money_is_exact_and_sorts_in_the_database()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "money-" + Guid.NewGuid().ToString("N")[..6]);
        db.Products.AddRange(
            TestData.Product(shop, category, "Ten", 10.10m, 1),
            TestData.Product(shop, category, "Nine", 9.99m, 1),
            TestData.Product(shop, category, "Hundred", 100.01m, 1));
        await db.SaveChangesAsync();

        var prices = await db.Products.Where(p => p.ShopId == shop.Id).OrderBy(p => p.MinPrice).Select(p => p.MinPrice).ToListAsync();
        Assert.Equal([9.99m, 10.10m, 100.01m], prices);
        Assert.Equal(2, await db.Products.CountAsync(p => p.ShopId == shop.Id && p.MinPrice > 10m));
        var sum = (await db.ProductVariants.Where(v => v.Product!.ShopId == shop.Id).Select(v => v.Price).ToListAsync()).Sum();
        Assert.Equal(120.10m, sum);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_instead_of_overwriting()
    {
        int id;
        await using (var db = database.NewContext())
        {
            var (shop, category) = await TestData.ShopWithCategoryAsync(db, "conc-" + Guid.NewGuid().ToString("N")[..6]);
            var product = TestData.Product(shop, category, "Original", 5m, 1);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            id = product.Id;
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var mine = await first.Products.SingleAsync(p => p.Id == id);
        var theirs = await second.Products.SingleAsync(p => p.Id == id);

        mine.Name = "Edited first";
        await first.SaveChangesAsync();
        theirs.Name = "Edited second";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.NewContext();
        Assert.Equal("Edited first", (await check.Products.SingleAsync(p => p.Id == id)).Name);
    }

    [Fact]
    public async Task Negative_stock_is_refused_by_the_database()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "neg-" + Guid.NewGuid().ToString("N")[..6]);
        var product = TestData.Product(shop, category, "Widget", 1m, 1);
        db.Products.Add(product);
        await db.SaveChangesAsync();

        var variantId = product.Variants[0].Id;
        await Assert.ThrowsAnyAsync<Exception>(() =>
            db.StockItems.Where(s => s.VariantId == variantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, -1)));
    }

    [Fact]
    public async Task Slugs_are_unique()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "uniq-" + Guid.NewGuid().ToString("N")[..6]);
        var a = TestData.Product(shop, category, "Same", 1m, 1);
        var b = TestData.Product(shop, category, "Same", 1m, 1);
        b.Slug = a.Slug;
        db.Products.AddRange(a, b);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public sealed class SqliteStorageTests(SqliteTestDatabase database) : StorageTests<SqliteTestDatabase>(database);

public sealed class PostgresStorageTests(PostgresTestDatabase database) : StorageTests<PostgresTestDatabase>(database);
