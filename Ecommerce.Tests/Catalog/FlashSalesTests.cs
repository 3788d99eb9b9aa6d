using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Catalog;

/// <summary>Flash sale scheduling rules and ownership, and the editor's load-for-edit scoping, on each provider.</summary>
public abstract class FlashSalesTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private FlashSales Sales => database.Services.GetRequiredService<FlashSales>();
    private ProductCommands Commands => database.Services.GetRequiredService<ProductCommands>();
    private MerchantCatalog Catalog => database.Services.GetRequiredService<MerchantCatalog>();
    private static DateTime Now => DateTime.UtcNow;

    private async Task<(int ShopId, int OtherShopId, string OwnerId, string OtherOwnerId, Product Product)> ProductAsync()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "fs-" + Guid.NewGuid().ToString("N")[..6]);
        var (other, _) = await TestData.ShopWithCategoryAsync(db, "fso-" + Guid.NewGuid().ToString("N")[..6]);
        var owners = await db.Shops.Where(s => s.Id == shop.Id || s.Id == other.Id).Select(s => new { s.Id, s.Merchant!.UserId }).ToListAsync();
        var created = await Commands.CreateAsync(shop.Id, new ProductInput
        {
            Name = "Sale shirt", Category = category.Slug, Options = [new ProductOption { Name = "Size", Values = ["S", "M"] }],
            Variants = [new VariantInput { Price = 20m, Stock = 10 }],
        });
        var product = (await Commands.FindAsync(shop.Id, created.Id))!;
        return (shop.Id, other.Id, owners.Single(o => o.Id == shop.Id).UserId, owners.Single(o => o.Id == other.Id).UserId, product);
    }

    [DatabaseFact]
    public async Task A_valid_sale_is_scheduled_listed_and_cancelled()
    {
        var (shopId, _, _, _, product) = await ProductAsync();
        var id = await Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(product.Variants[0].Id, 15m, Now.AddHours(1), Now.AddHours(5), 100, 2));
        var listed = Assert.Single(await Sales.ListAsync(shopId, product.Id));
        Assert.Equal((id, 15m, 100, 2), (listed.Id, listed.SalePrice, listed.QuantityCap!.Value, listed.PerCustomerLimit!.Value));
        Assert.Contains(product.Variants[0].Sku, listed.Applies);

        await Sales.CancelAsync(shopId, id);
        Assert.Empty(await Sales.ListAsync(shopId, product.Id));
    }

    [DatabaseFact]
    public async Task Invalid_sales_name_every_bad_field()
    {
        var (shopId, _, _, _, product) = await ProductAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(null, 25m, Now.AddHours(2), Now.AddHours(1), 0, 0)));
        Assert.Equal(["endsAt", "perCustomerLimit", "quantityCap", "salePrice"], error.Errors.Keys.Order());

        var past = await Assert.ThrowsAsync<ValidationException>(() =>
            Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(null, 10m, Now.AddHours(-5), Now.AddHours(-1))));
        Assert.Contains("future", past.Errors["endsAt"].Single());
        var zero = await Assert.ThrowsAsync<ValidationException>(() =>
            Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(null, 0m, Now, Now.AddHours(1))));
        Assert.Contains("salePrice", zero.Errors.Keys);
        var notOurs = await Assert.ThrowsAsync<ValidationException>(() =>
            Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(-1, 10m, Now, Now.AddHours(1))));
        Assert.Contains("variantId", notOurs.Errors.Keys);
    }

    [DatabaseFact]
    public async Task Sales_on_the_same_variant_may_not_overlap()
    {
        var (shopId, _, _, _, product) = await ProductAsync();
        var (s, m) = (product.Variants[0].Id, product.Variants[1].Id);
        await Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(s, 15m, Now.AddHours(1), Now.AddHours(3)));
        await Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(m, 15m, Now.AddHours(1), Now.AddHours(3))); // another variant
        await Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(s, 15m, Now.AddHours(3), Now.AddHours(4))); // right after

        await Assert.ThrowsAsync<ValidationException>(() => Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(s, 15m, Now.AddHours(2), Now.AddHours(5))));
        // A whole-product sale covers every variant, so it clashes too.
        await Assert.ThrowsAsync<ValidationException>(() => Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(null, 15m, Now.AddHours(2.5), Now.AddHours(2.75))));
        Assert.Equal(3, (await Sales.ListAsync(shopId, product.Id)).Count);
    }

    [DatabaseFact]
    public async Task Another_shop_cannot_schedule_list_or_cancel_sales_of_a_product()
    {
        var (shopId, otherShopId, _, _, product) = await ProductAsync();
        var id = await Sales.ScheduleAsync(shopId, product.Id, new FlashSaleInput(null, 15m, Now.AddHours(1), Now.AddHours(2)));
        await Assert.ThrowsAsync<NotFoundException>(() => Sales.ScheduleAsync(otherShopId, product.Id, new FlashSaleInput(null, 15m, Now.AddHours(3), Now.AddHours(4))));
        await Assert.ThrowsAsync<NotFoundException>(() => Sales.CancelAsync(otherShopId, id));
        Assert.Empty(await Sales.ListAsync(otherShopId, product.Id));
        Assert.Single(await Sales.ListAsync(shopId, product.Id));
    }

    [DatabaseFact]
    public async Task Load_for_edit_finds_the_owners_product_and_refuses_another_merchants()
    {
        var (_, _, owner, otherOwner, product) = await ProductAsync();
        var mine = await Catalog.FindForEditAsync(owner, product.Id);
        Assert.NotNull(mine);
        Assert.Equal(2, mine.Variants.Count);
        Assert.NotNull(mine.Category);
        Assert.Null(await Catalog.FindForEditAsync(otherOwner, product.Id));
        Assert.Null(await Catalog.FindForEditAsync(owner, -1));
    }
}

public sealed class SqliteFlashSalesTests(SqliteTestDatabase database) : FlashSalesTests<SqliteTestDatabase>(database);

public sealed class PostgresFlashSalesTests(PostgresTestDatabase database) : FlashSalesTests<PostgresTestDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerFlashSalesTests(SqlServerTestDatabase database) : FlashSalesTests<SqlServerTestDatabase>(database);
