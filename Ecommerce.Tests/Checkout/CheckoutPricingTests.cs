using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Pricing;
using Ecommerce.Core.Shipping;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// What an order costs and what a checkout accepts, on each provider: every amount comes from the server (price ×
/// quantity, each shop's shipping, its coupon, tax from the tax table); bad input is a 400 naming the field and an
/// order that cannot be delivered or discounted is a 409, and neither leaves anything behind.
/// </summary>
public abstract class CheckoutPricingTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);

    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public void Nothing_a_client_sends_to_checkout_can_carry_a_price()
    {
        Type[] inputs = [typeof(PlaceOrderRequest), typeof(LineRequest), typeof(QuoteRequest), typeof(Buyer), typeof(PostalAddress), typeof(PaymentMethodDetails)];
        foreach (var type in inputs)
            Assert.DoesNotContain(type.GetProperties(), p => p.PropertyType == typeof(decimal) || p.PropertyType == typeof(decimal?));
    }

    [Fact]
    public async Task A_two_shop_order_is_one_order_with_a_shop_order_each_and_every_total_is_the_servers()
    {
        var alpha = await _world.ShopAsync("alpha", CheckoutWorld.UsFlat(4.99m));
        var beta = await _world.ShopAsync("beta", new ShippingZone
        {
            Name = "US per item", Countries = ["US"], RateKind = ShippingRateKind.PerItem, Rate = 1.50m, FreeOver = 100m, MinDays = 3, MaxDays = 7,
        });
        var (a1, a2) = (await _world.ProductAsync(alpha, 12.49m, 10, "Mug"), await _world.ProductAsync(alpha, 30.00m, 10, "Kettle"));
        var b1 = await _world.ProductAsync(beta, 9.99m, 10, "Sock");
        var code = await _world.CouponAsync(alpha, CouponKind.Percentage, 10m);
        const decimal texas = 0.0825m;
        await _world.TaxRates.SetAsync(new TaxRateInput("US", "TX", texas, "Texas sales tax"), Ecommerce.Core.Audit.AuditActor.System);
        var buyer = CheckoutWorld.NewBuyer();

        var result = await _world.Checkout.PlaceOrderAsync(buyer, CheckoutWorld.Request(CheckoutWorld.Lines((a1, 2), (b1, 3), (a2, 1)),
            coupon: code, shipTo: CheckoutWorld.Address("US", "TX", "75001")));

        var alphaSubtotal = 12.49m * 2 + 30.00m * 1;
        var alphaDiscount = Money(alphaSubtotal * 0.10m);
        var alphaTax = Money((alphaSubtotal - alphaDiscount) * texas);
        var alphaTotal = alphaSubtotal - alphaDiscount + 4.99m + alphaTax;
        var betaSubtotal = 9.99m * 3;
        var betaTax = Money(betaSubtotal * texas);
        var betaTotal = betaSubtotal + 1.50m * 3 + betaTax;
        Assert.Equal(95.49m, alphaTotal + betaTotal); // worked by hand: 58.55 + 36.94
        Assert.Equal(alphaTotal + betaTotal, result.Total);

        var order = await _world.OrderAsync(result.OrderId);
        Assert.Equal((alphaSubtotal + betaSubtotal, alphaDiscount, 4.99m + 4.50m, alphaTax + betaTax, result.Total),
            (order.Subtotal, order.Discount, order.Shipping, order.Tax, order.Total));
        Assert.Equal(2, order.ShopOrders.Count);
        var a = order.ShopOrders.Single(s => s.ShopId == alpha.Id);
        var b = order.ShopOrders.Single(s => s.ShopId == beta.Id);
        Assert.Equal((alphaSubtotal, alphaDiscount, 4.99m, alphaTax, alphaTotal, code), (a.Subtotal, a.Discount, a.Shipping, a.Tax, a.Total, a.CouponCode));
        Assert.Equal((betaSubtotal, 0m, 4.50m, betaTax, betaTotal, (string?)null), (b.Subtotal, b.Discount, b.Shipping, b.Tax, b.Total, b.CouponCode));
        Assert.Equal([(a1.VariantId, 12.49m, 2, 24.98m), (a2.VariantId, 30.00m, 1, 30.00m)],
            a.Lines.OrderBy(l => l.VariantId).Select(l => (l.VariantId, l.UnitPrice, l.Quantity, l.LineTotal)));
        Assert.Equal((b1.VariantId, 9.99m, 3, 29.97m), b.Lines.Select(l => (l.VariantId, l.UnitPrice, l.Quantity, l.LineTotal)).Single());
        Assert.Equal(result.Total, (await _world.PaymentAsync(result.OrderId)).Amount); // what the provider is asked to charge
    }

    [Fact]
    public async Task A_price_changed_after_the_cart_was_shown_is_charged_at_the_new_price()
    {
        var shop = await _world.ShopAsync("reprice");
        var item = await _world.ProductAsync(shop, 20m, 10);
        var buyer = CheckoutWorld.NewBuyer();
        await _world.Carts.AddAsync(buyer.Shopper!.Value, item.VariantId, 2);
        var cart = await _world.Carts.ViewAsync(buyer.Shopper.Value, CheckoutWorld.Address().Location);
        Assert.Equal(40m + CheckoutWorld.UsShipping, cart.Total);

        await using (var db = _world.Db())
            await db.ProductVariants.Where(v => v.Id == item.VariantId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Price, 25m));
        var result = await _world.Checkout.PlaceOrderAsync(buyer, CheckoutWorld.Request(await _world.Carts.LinesAsync(buyer.Shopper.Value)));

        Assert.Equal(50m + CheckoutWorld.UsShipping, result.Total);
    }

    [Fact]
    public async Task A_regions_tax_rate_wins_over_its_countrys()
    {
        var shop = await _world.ShopAsync("tax", new ShippingZone { Name = "Canada", Countries = ["CA"], Rate = 10m, MinDays = 3, MaxDays = 9 });
        var item = await _world.ProductAsync(shop, 100m, 10);
        await _world.TaxRates.SetAsync(new TaxRateInput("CA", "", 0.05m, "GST"), Ecommerce.Core.Audit.AuditActor.System);
        await _world.TaxRates.SetAsync(new TaxRateInput("ca", "bc", 0.12m, "GST + PST"), Ecommerce.Core.Audit.AuditActor.System);
        var shopper = ShopperKey.ForGuest(Guid.NewGuid());
        await _world.Carts.AddAsync(shopper, item.VariantId, 1);

        var bc = await _world.Carts.ViewAsync(shopper, DeliveryLocation.Create("CA", "V5K 0A1", "BC"));
        var ontario = await _world.Carts.ViewAsync(shopper, DeliveryLocation.Create("CA", "M5V 2T6", "ON"));

        Assert.Equal((12m, 122m), (bc.Tax, bc.Total));
        Assert.Equal((5m, 115m), (ontario.Tax, ontario.Total));
    }

    [Fact]
    public async Task Percentage_and_fixed_coupons_come_off_their_shops_subtotal_and_never_below_zero()
    {
        var shop = await _world.ShopAsync("discounts");
        var item = await _world.ProductAsync(shop, 19.99m, 50);
        var percent = await _world.CouponAsync(shop, CouponKind.Percentage, 15m);
        var fixedFive = await _world.CouponAsync(shop, CouponKind.Fixed, 5m);
        var huge = await _world.CouponAsync(shop, CouponKind.Fixed, 500m);

        var p = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, 2, coupon: percent.ToLowerInvariant() + " ");
        var f = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, 2, coupon: fixedFive);
        var h = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, 2, coupon: huge);

        Assert.Equal(39.98m - 6.00m + CheckoutWorld.UsShipping, p.Total); // 15 % of 39.98 is 5.997
        Assert.Equal(39.98m - 5m + CheckoutWorld.UsShipping, f.Total);
        Assert.Equal(CheckoutWorld.UsShipping, h.Total); // the goods are free; shipping is still paid
        Assert.Equal(39.98m, (await _world.OrderAsync(h.OrderId)).Discount);
    }

    [Fact]
    public async Task A_coupon_outside_its_terms_refuses_the_order_with_the_reason_and_takes_nothing()
    {
        var shop = await _world.ShopAsync("terms");
        var other = await _world.ShopAsync("elsewhere");
        var item = await _world.ProductAsync(shop, 30m, 50);
        var minimum = await _world.CouponAsync(shop, CouponKind.Fixed, 5m, minimumSpend: 50m);
        var later = await _world.CouponAsync(shop, CouponKind.Fixed, 5m, startsAt: _world.Clock.Now.AddHours(1));
        var soon = await _world.CouponAsync(shop, CouponKind.Fixed, 5m, endsAt: _world.Clock.Now.AddHours(1));
        var stopped = await _world.CouponAsync(shop, CouponKind.Fixed, 5m);
        var theirs = await _world.CouponAsync(other, CouponKind.Fixed, 5m);
        var stoppedId = (await _world.Coupons.ListAsync(shop.OwnerId, shop.Id)).Items.Single(c => c.Code == stopped).Id;
        await _world.Coupons.DeactivateAsync(shop.OwnerId, shop.Id, stoppedId);
        var buyer = CheckoutWorld.NewBuyer();

        async Task Refused(string code, string why, int quantity = 1)
        {
            var e = await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(buyer, item, quantity, coupon: code));
            Assert.Contains($"{code} {why}", e.Message);
        }
        await Refused(minimum, "needs a spend of at least 50.00");
        await Refused(later, "is not valid yet");
        await Refused(stopped, "is no longer valid");
        await Refused(theirs, "does not exist for the shops in this order");
        await Refused("NOSUCHCODE", "does not exist");
        Assert.Equal(25m + 30m + CheckoutWorld.UsShipping, (await _world.PlaceAsync(buyer, item, 2, coupon: minimum)).Total);
        Assert.Equal(25m + CheckoutWorld.UsShipping, (await _world.PlaceAsync(buyer, item, 1, coupon: soon)).Total);
        _world.Clock.Advance(TimeSpan.FromHours(2));
        await Refused(soon, "has expired");

        Assert.Equal((50, 3), await _world.StockAsync(item.VariantId)); // only the two accepted orders hold stock
        await using var db = _world.Db();
        Assert.Equal(2, await db.Orders.CountAsync(o => o.CustomerKey == buyer.CustomerKey));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task A_quantity_outside_1_to_99_is_a_validation_error_naming_the_line(int quantity)
    {
        var shop = await _world.ShopAsync("qty");
        var item = await _world.ProductAsync(shop, 5m, 10);
        var buyer = CheckoutWorld.NewBuyer();

        var place = await Assert.ThrowsAsync<ValidationException>(() => _world.Checkout.PlaceOrderAsync(buyer,
            CheckoutWorld.Request([new LineRequest(item.VariantId, 1), new LineRequest(item.VariantId, quantity)])));
        var hold = await Assert.ThrowsAsync<ValidationException>(() => _world.Checkout.HoldAsync(buyer, Guid.NewGuid(),
            new QuoteRequest([new LineRequest(item.VariantId, quantity)], CheckoutWorld.Address().Location, true)));
        var cart = await Assert.ThrowsAsync<ValidationException>(() => _world.Carts.AddAsync(buyer.Shopper!.Value, item.VariantId, quantity));

        Assert.Contains("lines[1].quantity", place.Errors.Keys);
        Assert.Equal(["lines[0].quantity"], hold.Errors.Keys);
        Assert.Equal(["quantity"], cart.Errors.Keys);
        await AssertNothingHappenedAsync(item);
    }

    [Fact]
    public async Task Line_lists_that_are_empty_too_long_repeated_or_unknown_are_validation_errors()
    {
        var shop = await _world.ShopAsync("lines");
        var item = await _world.ProductAsync(shop, 5m, 10);
        var buyer = CheckoutWorld.NewBuyer();
        Task<ValidationException> Place(IReadOnlyList<LineRequest> lines) =>
            Assert.ThrowsAsync<ValidationException>(() => _world.Checkout.PlaceOrderAsync(buyer, CheckoutWorld.Request(lines)));

        Assert.Equal(["lines"], (await Place([])).Errors.Keys);
        Assert.Equal(["lines"], (await Place(Enumerable.Range(0, Pricer.MaxLines + 1).Select(_ => new LineRequest(item.VariantId, 1)).ToList())).Errors.Keys);
        Assert.Equal(["lines[1].quantity"], (await Place([new LineRequest(item.VariantId, 60), new LineRequest(item.VariantId, 60)])).Errors.Keys);
        Assert.Equal(["lines[1].variantId"], (await Place([new LineRequest(item.VariantId, 1), new LineRequest(int.MaxValue, 1)])).Errors.Keys);
        Assert.Equal(["lines[0].variantId"], (await Place([new LineRequest(-5, 1)])).Errors.Keys);
        await AssertNothingHappenedAsync(item);
    }

    [Fact]
    public async Task Bad_email_address_key_and_payment_are_validation_errors_naming_each_field()
    {
        var shop = await _world.ShopAsync("fields");
        var item = await _world.ProductAsync(shop, 5m, 10);
        var lines = CheckoutWorld.Lines((item, 1));

        var email = await Assert.ThrowsAsync<ValidationException>(() =>
            _world.Checkout.PlaceOrderAsync(new Buyer(null, "not an email", null), CheckoutWorld.Request(lines)));
        Assert.Equal(["email"], email.Errors.Keys);

        var blank = await Assert.ThrowsAsync<ValidationException>(() => _world.Checkout.PlaceOrderAsync(CheckoutWorld.NewBuyer(),
            CheckoutWorld.Request(lines, shipTo: new PostalAddress { Name = " ", Line1 = "", City = "", PostalCode = "", Country = "" })));
        Assert.Equal(["shipTo.city", "shipTo.country", "shipTo.line1", "shipTo.name", "shipTo.postalCode"], blank.Errors.Keys.Order());

        var malformed = CheckoutWorld.Address("USA", "OR", "!!!");
        malformed.Name = new string('x', 101);
        var bad = await Assert.ThrowsAsync<ValidationException>(() => _world.Checkout.PlaceOrderAsync(CheckoutWorld.NewBuyer(), CheckoutWorld.Request(lines, shipTo: malformed)));
        Assert.Equal(["shipTo.country", "shipTo.name", "shipTo.postalCode"], bad.Errors.Keys.Order());

        var keyAndCard = await Assert.ThrowsAsync<ValidationException>(() => _world.Checkout.PlaceOrderAsync(CheckoutWorld.NewBuyer(),
            CheckoutWorld.Request(lines, key: "short") with { Payment = new PaymentMethodDetails() }));
        Assert.Equal(["idempotencyKey", "payment"], keyAndCard.Errors.Keys.Order());
        await AssertNothingHappenedAsync(item);
    }

    [Fact]
    public async Task An_address_a_shop_does_not_deliver_to_is_a_conflict_naming_that_shop()
    {
        var usOnly = await _world.ShopAsync("usonly");
        var everywhere = await _world.ShopAsync("world", CheckoutWorld.UsFlat(), new ShippingZone { Name = "Japan", Countries = ["JP"], Rate = 20m, MinDays = 5, MaxDays = 10 });
        var (u, e) = (await _world.ProductAsync(usOnly, 10m, 5), await _world.ProductAsync(everywhere, 10m, 5));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => _world.Checkout.PlaceOrderAsync(CheckoutWorld.NewBuyer(),
            CheckoutWorld.Request(CheckoutWorld.Lines((u, 1), (e, 1)), shipTo: CheckoutWorld.Address("JP", null, "100-0001"))));

        Assert.Contains($"{usOnly.Name} does not deliver to this address", refused.Message);
        Assert.DoesNotContain(everywhere.Name, refused.Message);
        await AssertNothingHappenedAsync(u);
        await AssertNothingHappenedAsync(e);
    }

    /// <summary>A refused checkout leaves no order, no hold and no event behind.</summary>
    private async Task AssertNothingHappenedAsync(TestVariant item)
    {
        Assert.Equal(0, (await _world.StockAsync(item.VariantId)).Reserved);
        await using var db = _world.Db();
        Assert.False(await db.OrderLines.AnyAsync(l => l.VariantId == item.VariantId));
        Assert.False(await db.StockReservations.AnyAsync(r => r.VariantId == item.VariantId));
    }
}

public sealed class SqliteCheckoutPricingTests(CheckoutSqliteDatabase database) : CheckoutPricingTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresCheckoutPricingTests(CheckoutPostgresDatabase database) : CheckoutPricingTests<CheckoutPostgresDatabase>(database);
