using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Data;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Pricing;
using Ecommerce.Core.Shipping;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Checkout;

public sealed record TestShop(int Id, string Name, string OwnerId, int CategoryId);

public sealed record TestVariant(int ProductId, int VariantId, decimal Price);

/// <summary>One concurrent attempt: the result, or the exception it ended with.</summary>
public sealed record Attempt(CheckoutResult? Result, Exception? Error)
{
    public bool Accepted => Result is { Accepted: true };
}

/// <summary>
/// Small explicit shops, products and buyers for the checkout tests, and the public services they go through.
/// Every shop delivers anywhere in the US (flat 5.00) unless a test gives it other zones; the default address is in
/// Oregon, where no test sets a tax rate.
/// </summary>
public sealed class CheckoutWorld(TestDatabase database, TestClock clock)
{
    public const string GoodCard = SandboxPaymentGateway.SucceedsCard;
    public const string DeclinedCard = SandboxPaymentGateway.DeclinedCard;
    public const string NoFundsCard = SandboxPaymentGateway.InsufficientFundsCard;
    public const string AbandonedCard = AbandoningGateway.AbandonedCard;
    public const decimal UsShipping = 5.00m;

    public TestClock Clock => clock;
    public CheckoutService Checkout => Get<CheckoutService>();
    public CartService Carts => Get<CartService>();
    public CheckoutSweeper Sweeper => Get<CheckoutSweeper>();
    public PaymentNotifications Notifications => Get<PaymentNotifications>();
    public Coupons Coupons => Get<Coupons>();
    public FlashSales FlashSales => Get<FlashSales>();
    public TaxRates TaxRates => Get<TaxRates>();
    public CheckoutOptions Options => Get<Microsoft.Extensions.Options.IOptions<CheckoutOptions>>().Value;

    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    public AppDbContext Db() => database.NewContext();

    public static ShippingZone UsFlat(decimal rate = UsShipping) =>
        new() { Name = "United States", Countries = ["US"], RateKind = ShippingRateKind.Flat, Rate = rate, MinDays = 2, MaxDays = 5 };

    public async Task<TestShop> ShopAsync(string name = "shop", params ShippingZone[] zones)
    {
        await using var db = Db();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, $"{name}-{Guid.NewGuid():N}"[..24].TrimEnd('-'));
        foreach (var zone in zones.Length == 0 ? [UsFlat()] : zones) { zone.ShopId = shop.Id; db.ShippingZones.Add(zone); }
        await db.SaveChangesAsync();
        var owner = await db.Merchants.Where(m => m.Id == shop.MerchantId).Select(m => m.UserId).SingleAsync();
        return new TestShop(shop.Id, shop.Name, owner, category.Id);
    }

    public async Task<TestVariant> ProductAsync(TestShop shop, decimal price, int stock, string name = "Widget")
    {
        await using var db = Db();
        var product = TestData.Product((await db.Shops.FindAsync(shop.Id))!, (await db.Categories.FindAsync(shop.CategoryId))!, name, price, stock);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return new TestVariant(product.Id, product.Variants[0].Id, price);
    }

    /// <summary>A product with one variant per size, each with its own stock.</summary>
    public async Task<IReadOnlyList<TestVariant>> SizedProductAsync(TestShop shop, decimal price, int stockEach, params string[] sizes)
    {
        await using var db = Db();
        var product = TestData.Product((await db.Shops.FindAsync(shop.Id))!, (await db.Categories.FindAsync(shop.CategoryId))!, "Tee", price, stockEach);
        var sku = product.Variants[0].Sku;
        product.Variants = sizes.Select((size, i) => new Ecommerce.Core.Catalog.ProductVariant
        {
            Sku = $"{sku}-{size}", Price = price, Position = i, Options = new() { ["Size"] = size }, Stock = new Ecommerce.Core.Inventory.StockItem { OnHand = stockEach },
        }).ToList();
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Variants.Select(v => new TestVariant(product.Id, v.Id, price)).ToList();
    }

    public async Task<int> FlashSaleAsync(TestShop shop, TestVariant variant, decimal salePrice, int? cap = null, int? perCustomer = null, bool wholeProduct = false) =>
        await FlashSales.ScheduleAsync(shop.Id, variant.ProductId,
            new FlashSaleInput(wholeProduct ? null : variant.VariantId, salePrice, clock.Now.AddMinutes(-1), clock.Now.AddDays(1), cap, perCustomer));

    public async Task<string> CouponAsync(TestShop shop, CouponKind kind, decimal value, int? usageLimit = null, int? perCustomer = null,
        decimal? minimumSpend = null, DateTime? startsAt = null, DateTime? endsAt = null)
    {
        var code = "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await Coupons.CreateAsync(shop.OwnerId, shop.Id, new CouponInput(code, kind, value, startsAt, endsAt, minimumSpend, usageLimit, perCustomer));
        return code;
    }

    public static Buyer NewBuyer()
    {
        var id = Guid.NewGuid().ToString();
        return new Buyer(id, $"{id[..8]}@buyers.test", ShopperKey.ForUser(id));
    }

    public static PostalAddress Address(string country = "US", string? region = "OR", string postalCode = "97201") => new()
    {
        Name = "Ada Buyer", Line1 = "1 Test Street", City = "Portland", Region = region, PostalCode = postalCode, Country = country,
    };

    public static LineRequest[] Lines(params (TestVariant Variant, int Quantity)[] lines) =>
        lines.Select(l => new LineRequest(l.Variant.VariantId, l.Quantity)).ToArray();

    public static PlaceOrderRequest Request(IReadOnlyList<LineRequest> lines, string card = GoodCard, string? coupon = null, string? key = null,
        PostalAddress? shipTo = null, Guid? holderId = null) =>
        new(lines, shipTo ?? Address(), new PaymentMethodDetails(card, 12, DateTime.UtcNow.Year + 2, "123"),
            key ?? Guid.NewGuid().ToString(), CouponCode: coupon, HolderId: holderId);

    public Task<CheckoutResult> PlaceAsync(Buyer buyer, TestVariant variant, int quantity = 1, string card = GoodCard, string? coupon = null,
        string? key = null, Guid? holderId = null) =>
        Checkout.PlaceOrderAsync(buyer, Request(Lines((variant, quantity)), card, coupon, key, holderId: holderId));

    public async Task<(int OnHand, int Reserved)> StockAsync(int variantId)
    {
        await using var db = Db();
        var stock = await db.StockItems.AsNoTracking().SingleAsync(s => s.VariantId == variantId);
        return (stock.OnHand, stock.Reserved);
    }

    public async Task<Order> OrderAsync(int orderId)
    {
        await using var db = Db();
        return await db.Orders.AsNoTracking().Include(o => o.ShopOrders).ThenInclude(s => s.Lines).Include(o => o.History)
            .AsSplitQuery().SingleAsync(o => o.Id == orderId);
    }

    public async Task<Payment> PaymentAsync(int orderId)
    {
        await using var db = Db();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId);
    }

    public async Task<(int Used, int ByCustomer)> CouponUseAsync(string code, string customerKey)
    {
        await using var db = Db();
        var coupon = await db.Coupons.AsNoTracking().SingleAsync(c => c.Code == code);
        var mine = await db.CouponRedemptions.Where(r => r.CouponId == coupon.Id && r.CustomerKey == customerKey).Select(r => (int?)r.Count).SingleOrDefaultAsync();
        return (coupon.UsedCount, mine ?? 0);
    }

    public async Task<(int Sold, int ByCustomer)> FlashUseAsync(int saleId, string customerKey)
    {
        await using var db = Db();
        var sold = await db.FlashSales.Where(f => f.Id == saleId).Select(f => f.SoldCount).SingleAsync();
        var mine = await db.FlashSaleClaims.Where(c => c.FlashSaleId == saleId && c.CustomerKey == customerKey).Select(c => (int?)c.Quantity).SingleOrDefaultAsync();
        return (sold, mine ?? 0);
    }

    /// <summary>
    /// Runs the event pipeline (as the dispatcher on every node does) until <paramref name="done"/> holds: the
    /// Sandbox's confirmations arrive a moment after checkout, then payment.succeeded is applied.
    /// </summary>
    public async Task SettleAsync(Func<AppDbContext, Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await database.Dispatcher.DrainAsync();
            await using (var db = Db())
                if (await done(db)) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}");
            await Task.Delay(25);
        }
    }

    public Task SettlePaidAsync(params int[] orderIds) =>
        SettleAsync(async db => await db.Orders.CountAsync(o => orderIds.Contains(o.Id) && o.Status == OrderStatus.Paid) == orderIds.Length,
            $"orders {string.Join(", ", orderIds)} are paid");

    /// <summary>Starts <paramref name="count"/> attempts at the same moment and collects how each ended.</summary>
    public static async Task<IReadOnlyList<Attempt>> RaceAsync(int count, Func<int, Task<CheckoutResult>> attempt)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try { return new Attempt(await attempt(i), null); }
            catch (Exception e) { return new Attempt(null, e); }
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Every attempt either got an order or a clear 409; nothing else (no 500s, no deadlocks).</summary>
    public static void OnlyAcceptedOrConflicts(IReadOnlyList<Attempt> attempts)
    {
        var unexpected = attempts.Where(a => a.Error is not null and not Ecommerce.Core.Common.ConflictException).Select(a => a.Error!.ToString()).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected failures:\n" + string.Join("\n\n", unexpected.Take(3)));
        Assert.All(attempts.Where(a => a.Result is not null), a => Assert.True(a.Result!.Accepted, a.Result.PaymentProblem));
    }
}
