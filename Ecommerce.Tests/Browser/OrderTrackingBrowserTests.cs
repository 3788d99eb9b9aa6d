using Ecommerce.Core.Carts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// Fulfilment in Debian's chromium: the demo merchant marks a shop order shipped with a tracking number in the
/// console, and the shopper's order page shows it in the tracking timeline.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OrderTrackingBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_merchant_ships_with_a_tracking_number_and_the_shopper_sees_it_in_the_timeline()
    {
        var (shopId, number) = await PaidOrderOfTheDemoShopperAsync();
        var tracking = "1Z" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var merchant = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(merchant, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(merchant, $"/merchant/shops/{shopId}/orders");
        var panel = merchant.Locator(".shop-order-panel");
        await BrowserSession.ClickUntilAsync(merchant.Locator(".merchant-orders-grid tbody tr", new() { HasText = number }), panel);
        await Assertions.Expect(panel).ToContainTextAsync($"Order {number}");
        await panel.GetByLabel("Carrier").FillAsync("UPS");
        await panel.GetByLabel("Tracking number").FillAsync(tracking);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync($"Order {number} · shipped");
        await Assertions.Expect(panel.Locator(".order-timeline")).ToContainTextAsync(tracking);

        var shopper = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(shopper, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await shopper.GotoAsync("/orders");
        await shopper.ClickAsync($"text={number}");
        await Assertions.Expect(shopper.Locator("#order-status")).ToHaveTextAsync("shipped");
        await Assertions.Expect(shopper.Locator(".tracking")).ToContainTextAsync($"UPS tracking {tracking}");
        await Assertions.Expect(shopper.Locator("#order-timeline")).ToContainTextAsync($"Shipped with UPS, tracking {tracking}");
        // Shipped: the shopper can no longer cancel.
        await Assertions.Expect(shopper.Locator(".cancel-order")).ToHaveCountAsync(0);
    }

    /// <summary>An order by the demo shopper for one unit of an in-stock product of the main demo shop, paid by the Sandbox.</summary>
    private async Task<(int ShopId, string Number)> PaidOrderOfTheDemoShopperAsync()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var variant = await db.ProductVariants.AsNoTracking()
            .Where(v => v.Product!.Shop!.Slug == DemoSeeder.MainShopSlug && v.Product.Status == ProductStatus.Active && v.Stock!.OnHand - v.Stock.Reserved >= 5)
            .OrderBy(v => v.Id).Select(v => new { v.Id, v.Product!.ShopId }).FirstAsync();
        var userId = await app.UserIdAsync(DemoSeeder.ShopperEmail);
        var placed = await app.Services.GetRequiredService<CheckoutService>().PlaceOrderAsync(
            new Buyer(userId, DemoSeeder.ShopperEmail, ShopperKey.ForUser(userId)),
            new PlaceOrderRequest([new LineRequest(variant.Id, 1)],
                new PostalAddress { Name = "Sam Shopper", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" },
                new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard, 12, 2040, "123"), Guid.NewGuid().ToString()));
        Assert.True(placed.Accepted, placed.PaymentProblem);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.Orders.Where(o => o.Id == placed.OrderId).Select(o => o.Status).SingleAsync() != OrderStatus.Paid)
        {
            Assert.True(DateTime.UtcNow < deadline, "the order was not paid in time");
            await Task.Delay(200);
        }
        return (variant.ShopId, placed.Number);
    }
}
