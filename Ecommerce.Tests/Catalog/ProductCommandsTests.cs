using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Catalog;

/// <summary>The product use cases on a real database: validation, ownership, concurrency, and their events.</summary>
public abstract class ProductCommandsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ProductCommands Commands => database.Services.GetRequiredService<ProductCommands>();
    private StockService Stock => database.Services.GetRequiredService<StockService>();

    private async Task<(int ShopId, int OtherShopId, string CategorySlug, string OwnerId)> ShopsAsync()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "pc-" + Guid.NewGuid().ToString("N")[..6]);
        var (other, _) = await TestData.ShopWithCategoryAsync(db, "pco-" + Guid.NewGuid().ToString("N")[..6]);
        var owner = await db.Merchants.Where(m => m.Id == shop.MerchantId).Select(m => m.UserId).SingleAsync();
        return (shop.Id, other.Id, category.Slug, owner);
    }

    private static ProductInput Laptop(string category, int stock = 30) => new()
    {
        Name = "KUHL Laptop", Description = "A **fast** laptop.", Category = category, Brand = "KUHL",
        Attributes = new Dictionary<string, string> { ["ram"] = "16" },
        Variants = [new VariantInput { Price = 200m, Stock = stock }],
    };

    private async Task<List<OutboxMessage>> EventsForAsync(int productId)
    {
        await using var db = database.NewContext();
        var all = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.StartsWith("product.") || m.Type == EventTypes.StockChanged).ToListAsync();
        return all.Where(m => m.Payload.Contains($"\"productId\":{productId},")).OrderBy(m => m.Id).ToList();
    }

    [Fact]
    public async Task Creating_a_product_stores_it_with_stock_and_writes_product_registered()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var created = await Commands.CreateAsync(shopId, Laptop(category));

        var product = await Commands.FindAsync(shopId, created.Id);
        Assert.NotNull(product);
        Assert.Equal("kuhl-laptop", product.Slug[..11]);
        Assert.Equal(200m, product.MinPrice);
        Assert.Equal(30, product.Variants.Single().Stock!.OnHand);
        Assert.Equal([EventTypes.ProductRegistered], (await EventsForAsync(created.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Options_without_variants_generate_every_combination()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var input = Laptop(category) with
        {
            Options = [new ProductOption { Name = "Size", Values = ["S", "M", "L"] }, new ProductOption { Name = "Colour", Values = ["Navy", "Sand"] }],
        };
        var created = await Commands.CreateAsync(shopId, input);
        var product = await Commands.FindAsync(shopId, created.Id);
        Assert.Equal(6, product!.Variants.Count);
        Assert.Equal(6, product.Variants.Select(v => v.Sku).Distinct().Count());
        Assert.Contains(product.Variants, v => v.Options["Size"] == "M" && v.Options["Colour"] == "Sand");
        Assert.Equal(["Size", "Colour"], product.Options.Select(o => o.Name));
    }

    [Fact]
    public async Task Invalid_input_names_every_bad_field_and_stores_nothing()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var bad = Laptop(category) with
        {
            Name = "",
            Attributes = new Dictionary<string, string> { ["ram"] = "lots", ["colour"] = "red" },
            Variants = [new VariantInput { Price = -1m, Stock = -5 }],
            Images = [new ImageInput("javascript:alert(1)", null)],
        };
        var error = await Assert.ThrowsAsync<ValidationException>(() => Commands.CreateAsync(shopId, bad));
        Assert.Contains("name", error.Errors.Keys);
        Assert.Contains("attributes.ram", error.Errors.Keys);
        Assert.Contains("attributes.colour", error.Errors.Keys);
        Assert.Contains("variants[0].price", error.Errors.Keys);
        Assert.Contains("variants[0].stock", error.Errors.Keys);
        Assert.Contains("images[0].url", error.Errors.Keys);

        await using var db = database.NewContext();
        Assert.False(await db.Products.AnyAsync(p => p.ShopId == shopId));
    }

    [Fact]
    public async Task An_unknown_category_is_refused_and_none_means_other()
    {
        var (shopId, _, _, _) = await ShopsAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() => Commands.CreateAsync(shopId, Laptop("no-such-kind") with { Attributes = null }));
        Assert.Contains("category", error.Errors.Keys);

        var created = await Commands.CreateAsync(shopId, Laptop(null!) with { Attributes = null });
        Assert.Equal(ProductCommands.OtherCategorySlug, (await Commands.FindAsync(shopId, created.Id))!.Category!.Slug);
    }

    [Fact]
    public async Task Another_shops_product_is_not_found_for_every_command()
    {
        var (shopId, otherShopId, category, _) = await ShopsAsync();
        var created = await Commands.CreateAsync(shopId, Laptop(category));

        Assert.Null(await Commands.FindAsync(otherShopId, created.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Commands.UpdateAsync(otherShopId, created.Id, Laptop(category)));
        await Assert.ThrowsAsync<NotFoundException>(() => Commands.DeleteAsync(otherShopId, created.Id));
        var product = await Commands.FindAsync(shopId, created.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => Stock.AdjustAsync(otherShopId, product!.Variants[0].Id, 5, "theft"));
        Assert.Equal(0, await Commands.SetStatusAsync("someone-else", [created.Id], ProductStatus.Archived));
        Assert.Equal(ProductStatus.Active, (await Commands.FindAsync(shopId, created.Id))!.Status);
    }

    [Fact]
    public async Task A_second_editor_with_a_stale_version_is_told_and_changes_nothing()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var created = await Commands.CreateAsync(shopId, Laptop(category));
        var read = await Commands.FindAsync(shopId, created.Id);

        await Commands.UpdateAsync(shopId, created.Id, Laptop(category) with { Name = "First edit", Variants = [new VariantInput { Id = read!.Variants[0].Id, Price = 210m, Stock = 30 }] }, read.Version);
        var stale = Assert.ThrowsAsync<ConflictException>(() =>
            Commands.UpdateAsync(shopId, created.Id, Laptop(category) with { Name = "Second edit", Variants = [new VariantInput { Id = read.Variants[0].Id, Price = 220m, Stock = 30 }] }, read.Version));
        Assert.Contains("changed by someone else", (await stale).Message);

        var now = await Commands.FindAsync(shopId, created.Id);
        Assert.Equal("First edit", now!.Name);
        Assert.Equal(210m, now.MinPrice);
    }

    [Fact]
    public async Task Updating_stock_through_an_edit_records_the_change_and_its_event()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var created = await Commands.CreateAsync(shopId, Laptop(category));
        var read = await Commands.FindAsync(shopId, created.Id);
        await Commands.UpdateAsync(shopId, created.Id, Laptop(category) with { Variants = [new VariantInput { Id = read!.Variants[0].Id, Price = 200m, Stock = 12 }] }, read.Version);

        var types = (await EventsForAsync(created.Id)).Select(e => e.Type).ToList();
        Assert.Equal([EventTypes.ProductRegistered, EventTypes.StockChanged, EventTypes.ProductUpdated], types);
        Assert.Equal(12, (await Commands.FindAsync(shopId, created.Id))!.Variants[0].Stock!.OnHand);
    }

    [Fact]
    public async Task Stock_adjustments_never_go_below_zero_and_are_recorded()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var created = await Commands.CreateAsync(shopId, Laptop(category, stock: 5));
        var variantId = (await Commands.FindAsync(shopId, created.Id))!.Variants[0].Id;

        Assert.Equal(15, await Stock.AdjustAsync(shopId, variantId, 10, "Received delivery"));
        var error = await Assert.ThrowsAsync<ValidationException>(() => Stock.AdjustAsync(shopId, variantId, -16, "Damaged"));
        Assert.Contains("delta", error.Errors.Keys);
        Assert.Equal(3, await Stock.SetAsync(shopId, variantId, 3, "Stock take"));

        var history = await Stock.HistoryAsync(shopId, variantId);
        Assert.Equal(["Stock take", "Received delivery"], history.Select(h => h.Reason));
        Assert.Equal(2, (await EventsForAsync(created.Id)).Count(e => e.Type == EventTypes.StockChanged));
    }

    [Fact]
    public async Task Bulk_status_changes_apply_to_owned_products_with_events()
    {
        var (shopId, _, category, owner) = await ShopsAsync();
        var a = await Commands.CreateAsync(shopId, Laptop(category));
        var b = await Commands.CreateAsync(shopId, Laptop(category));
        Assert.Equal(2, await Commands.SetStatusAsync(owner, [a.Id, b.Id], ProductStatus.Archived));
        Assert.Equal(ProductStatus.Archived, (await Commands.FindAsync(shopId, b.Id))!.Status);
        Assert.Contains(EventTypes.ProductUpdated, (await EventsForAsync(a.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Deleting_writes_product_deleted()
    {
        var (shopId, _, category, _) = await ShopsAsync();
        var created = await Commands.CreateAsync(shopId, Laptop(category));
        await Commands.DeleteAsync(shopId, created.Id);
        Assert.Null(await Commands.FindAsync(shopId, created.Id));
        Assert.Equal(EventTypes.ProductDeleted, (await EventsForAsync(created.Id)).Last().Type);
    }
}

public sealed class SqliteProductCommandsTests(SqliteTestDatabase database) : ProductCommandsTests<SqliteTestDatabase>(database);

public sealed class PostgresProductCommandsTests(PostgresTestDatabase database) : ProductCommandsTests<PostgresTestDatabase>(database);
