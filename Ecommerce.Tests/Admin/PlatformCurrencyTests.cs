using Ecommerce.Core.Audit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Settings;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// The platform currency on each provider, on a database of its own (the currency is marketplace-wide): it changes
/// while nothing is priced in another one, new products take it, a product naming another is refused, orders are in
/// it, and a change with products or unfinished orders in the old one is refused with their counts.
/// </summary>
public abstract class PlatformCurrencyTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private static readonly AuditActor Admin = AuditActor.User("admin-id", "admin@test.local");
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private PlatformSettings Settings => database.Services.GetRequiredService<PlatformSettings>();
    private ProductCommands Products => database.Services.GetRequiredService<ProductCommands>();

    [Fact]
    public async Task New_products_and_orders_take_the_marketplace_currency_and_it_cannot_change_under_them()
    {
        var before = await Settings.GetAllAsync();
        Assert.Equal(PlatformSettings.DefaultCurrency, before.Currency);
        await Settings.SetAllAsync(before with { Currency = "EUR" }, Admin); // nothing priced yet: accepted

        var shop = await _world.ShopAsync("euro");
        var category = await CategorySlugAsync(shop.CategoryId);
        var created = await Products.CreateAsync(shop.Id, Waffles(category));
        await using (var db = database.NewContext())
        {
            var product = await db.Products.Include(p => p.Variants).SingleAsync(p => p.Id == created.Id);
            Assert.Equal("EUR", product.Currency);
            Assert.All(product.Variants, v => Assert.Equal("EUR", v.Currency));
        }
        // Naming another currency is refused; naming the marketplace's is fine.
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Products.CreateAsync(shop.Id, Waffles(category) with { Currency = "USD" }));
        Assert.Contains("EUR", Assert.Single(refused.Errors["currency"]));
        await Products.CreateAsync(shop.Id, Waffles(category) with { Currency = "EUR" });

        var variant = await FirstVariantAsync(created.Id);
        var placed = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), variant);
        Assert.True(placed.Accepted);
        Assert.Equal("EUR", (await _world.OrderAsync(placed.OrderId)).Currency);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Settings.SetAllAsync(before with { Currency = "USD" }, Admin));
        Assert.Contains("2 products and 1 unfinished order are priced in another currency", conflict.Message);
        Assert.Contains("repricing", conflict.Message);
        Assert.Equal("EUR", (await Settings.GetAllAsync()).Currency);
        // Other settings still save while the currency stays.
        await Settings.SetAllAsync((await Settings.GetAllAsync()) with { MerchantApproval = MerchantApprovalPolicy.Automatic }, Admin);
        Assert.Equal("EUR", (await Settings.GetAllAsync()).Currency);
    }

    private static ProductInput Waffles(string category) => new()
    {
        Name = "Stroopwafels", Category = category, Attributes = new Dictionary<string, string> { ["ram"] = "1" },
        Variants = [new VariantInput { Price = 4.50m, Stock = 10 }],
    };

    private async Task<string> CategorySlugAsync(int id)
    {
        await using var db = database.NewContext();
        return await db.Categories.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync();
    }

    private async Task<TestVariant> FirstVariantAsync(int productId)
    {
        await using var db = database.NewContext();
        var v = await db.ProductVariants.Where(v => v.ProductId == productId).Select(v => new { v.Id, v.Price }).FirstAsync();
        return new TestVariant(productId, v.Id, v.Price);
    }
}

/// <summary>
/// A cart whose lines are in different currencies (data from before the setting, or written around it) is refused
/// by the Pricer with a 409 rather than summed; its own database, as it leaves a product in another currency.
/// </summary>
public abstract class MixedCurrencyCartTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);

    [Fact]
    public async Task A_cart_mixing_currencies_is_refused_with_a_conflict_and_no_order()
    {
        var shop = await _world.ShopAsync("mixed");
        var dollars = await _world.ProductAsync(shop, 10m, stock: 5, name: "Dollar widget");
        var pounds = await _world.ProductAsync(shop, 8m, stock: 5, name: "Pound widget");
        await using (var db = database.NewContext())
        {
            await db.Products.Where(p => p.Id == pounds.ProductId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Currency, "GBP"));
            await db.ProductVariants.Where(v => v.ProductId == pounds.ProductId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Currency, "GBP"));
        }
        var pricer = database.Services.GetRequiredService<Pricer>();
        await using (var db = database.NewContext())
        {
            var mixed = await Assert.ThrowsAsync<ConflictException>(() => pricer.QuoteAsync(db, new QuoteRequest(CheckoutWorld.Lines((dollars, 1), (pounds, 1)))));
            Assert.Contains("GBP, USD", mixed.Message);
            // One currency at a time is priced as usual.
            Assert.Equal("GBP", (await pricer.QuoteAsync(db, new QuoteRequest(CheckoutWorld.Lines((pounds, 2))))).Currency);
        }
        await Assert.ThrowsAsync<ConflictException>(() =>
            _world.Checkout.PlaceOrderAsync(CheckoutWorld.NewBuyer(), CheckoutWorld.Request(CheckoutWorld.Lines((dollars, 1), (pounds, 1)))));
        await using (var db = database.NewContext())
            Assert.False(await db.Orders.AnyAsync());
        Assert.Equal((5, 0), await _world.StockAsync(pounds.VariantId));
    }
}

public sealed class SqlitePlatformCurrencyTests(CheckoutSqliteDatabase database) : PlatformCurrencyTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresPlatformCurrencyTests(CheckoutPostgresDatabase database) : PlatformCurrencyTests<CheckoutPostgresDatabase>(database);

public sealed class SqliteMixedCurrencyCartTests(CheckoutSqliteDatabase database) : MixedCurrencyCartTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresMixedCurrencyCartTests(CheckoutPostgresDatabase database) : MixedCurrencyCartTests<CheckoutPostgresDatabase>(database);
