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
        await BrowserSession.ClickUntilAsync(merchant.Locator(".merchant-orders-grid tr.shop-order-row", new() { HasText = number }), panel);
        await Assertions.Expect(panel).ToContainTextAsync($"Order {number}");
        await panel.GetByLabel("Carrier").FillAsync("UPS");
        await panel.GetByLabel("Tracking number").FillAsync(tracking);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Ship parcel" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync($"Order {number} · shipped");
        await Assertions.Expect(panel.Locator(".order-timeline")).ToContainTextAsync(tracking);

        var shopper = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(shopper, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await shopper.GotoAsync("/orders");
        await shopper.ClickAsync($"text={number}");
        await Assertions.Expect(shopper.Locator("#order-status")).ToHaveTextAsync("Shipped");
        await Assertions.Expect(shopper.Locator(".tracking")).ToContainTextAsync($"UPS tracking {tracking}");
        await Assertions.Expect(shopper.Locator("#order-timeline")).ToContainTextAsync($"Shipped with UPS, tracking {tracking}");
        // Shipped: the shopper can no longer cancel.
        await Assertions.Expect(shopper.Locator(".cancel-order")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_merchant_ships_an_order_in_two_parcels_and_the_shopper_sees_both_tracking_numbers()
    {
        var (shopId, number) = await PaidOrderOfTheDemoShopperAsync(1, 2);
        var (first, second) = ("UP" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), "DH" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant());

        var merchant = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(merchant, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(merchant, $"/merchant/shops/{shopId}/orders");
        var panel = merchant.Locator(".shop-order-panel");
        await BrowserSession.ClickUntilAsync(merchant.Locator(".merchant-orders-grid tr.shop-order-row", new() { HasText = number }), panel);
        var form = panel.Locator(".parcel-form");
        var quantities = form.Locator("input.parcel-quantity");
        await Assertions.Expect(quantities).ToHaveCountAsync(2);
        await Assertions.Expect(quantities.Nth(0)).ToHaveValueAsync("1");
        await Assertions.Expect(quantities.Nth(1)).ToHaveValueAsync("2");

        // Nothing in the parcel is refused in the form; then the first parcel: the first line and one of the two units of the second.
        await quantities.Nth(0).FillAsync("0");
        await quantities.Nth(1).FillAsync("0");
        await form.GetByLabel("Carrier").FillAsync("UPS");
        await form.GetByLabel("Tracking number").FillAsync(first);
        await form.GetByRole(AriaRole.Button, new() { Name = "Ship parcel" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error[data-field=lines]")).ToContainTextAsync("at least one unit");
        await quantities.Nth(0).FillAsync("1");
        await quantities.Nth(1).FillAsync("1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ship parcel" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".parcels .parcel")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.Locator(".parcels")).ToContainTextAsync(first);
        // What is left: one unit of the second line, and the order is not shipped yet.
        await Assertions.Expect(quantities).ToHaveCountAsync(1);
        await Assertions.Expect(quantities.First).ToHaveValueAsync("1");
        await Assertions.Expect(panel.Locator("h2")).Not.ToContainTextAsync("shipped");

        // Empty carrier: the form names the field.
        await form.GetByRole(AriaRole.Button, new() { Name = "Ship parcel" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error[data-field=carrier]")).ToBeVisibleAsync();
        await form.GetByLabel("Carrier").FillAsync("DHL");
        await form.GetByLabel("Tracking number").FillAsync(second);
        await form.GetByRole(AriaRole.Button, new() { Name = "Ship parcel" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync($"Order {number} · shipped");
        await Assertions.Expect(panel.Locator(".parcels .parcel")).ToHaveCountAsync(2);
        await Assertions.Expect(panel.Locator(".parcel-form")).ToHaveCountAsync(0);

        var shopper = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(shopper, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await shopper.GotoAsync($"/orders/{number}");
        await Assertions.Expect(shopper.Locator("#order-status")).ToHaveTextAsync("Shipped");
        await Assertions.Expect(shopper.Locator(".shipments .shipment")).ToHaveCountAsync(2);
        await Assertions.Expect(shopper.Locator(".shipments .shipment").Nth(0)).ToContainTextAsync($"UPS tracking {first}");
        await Assertions.Expect(shopper.Locator(".shipments .shipment").Nth(1)).ToContainTextAsync($"DHL tracking {second}");
        await Assertions.Expect(shopper.Locator("#order-timeline")).ToContainTextAsync($"Partly shipped with UPS, tracking {first}");
        await Assertions.Expect(shopper.Locator("#order-timeline")).ToContainTextAsync($"Shipped with DHL, tracking {second}");
    }

    [Fact]
    public async Task The_order_page_shows_a_shipment_without_a_reload_and_its_static_render_has_the_same_timeline()
    {
        var (shopId, number) = await PaidOrderOfTheDemoShopperAsync();
        var tracking = "LV" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        // Without script (a plain GET), the island's prerender is the timeline itself.
        var client = await app.SignedInClientAsync(DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        var html = await client.GetStringAsync($"/orders/{number}");
        Assert.Contains("id=\"order-timeline\"", html);
        Assert.Contains("Order placed", html);
        Assert.Contains(">Paid</span>", html);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
        // A visitor who does not own the order gets no page (and so no island) for it.
        var stranger = app.CreateClient();
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await stranger.GetAsync($"/orders/{number}")).StatusCode);

        var shopper = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(shopper, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await shopper.GotoAsync($"/orders/{number}");
        await Assertions.Expect(shopper.Locator("#order-status")).ToHaveTextAsync("Paid");
        await shopper.Locator(".live-timeline[data-live=on]").WaitForAsync(new() { Timeout = 30_000 });
        await shopper.EvaluateAsync("() => window.__sameDocument = 'yes'");

        var shopOrderId = await ShopOrderIdAsync(number);
        await app.Services.GetRequiredService<MerchantOrders>().MarkShippedAsync(shopId, shopOrderId, "UPS", tracking, DemoSeeder.MerchantEmail);

        await Assertions.Expect(shopper.Locator("#order-status")).ToHaveTextAsync("Shipped", new() { Timeout = 20_000 });
        await Assertions.Expect(shopper.Locator("#order-timeline")).ToContainTextAsync($"Shipped with UPS, tracking {tracking}");
        Assert.Equal("yes", await shopper.EvaluateAsync<string>("() => window.__sameDocument"));

        // Delivered is final: the island stops following the order.
        await app.Services.GetRequiredService<MerchantOrders>().MarkDeliveredAsync(shopId, shopOrderId, DemoSeeder.MerchantEmail);
        await Assertions.Expect(shopper.Locator("#order-status")).ToHaveTextAsync("Delivered", new() { Timeout = 20_000 });
        await Assertions.Expect(shopper.Locator(".live-timeline")).ToHaveAttributeAsync("data-live", "off");
        Assert.Equal("yes", await shopper.EvaluateAsync<string>("() => window.__sameDocument"));
    }

    [Fact]
    public async Task A_merchant_cancels_an_order_after_giving_a_reason_in_a_dialog()
    {
        var (shopId, number) = await PaidOrderOfTheDemoShopperAsync();
        var merchant = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(merchant, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(merchant, $"/merchant/shops/{shopId}/orders");
        var panel = merchant.Locator(".shop-order-panel");
        await BrowserSession.ClickUntilAsync(merchant.Locator(".merchant-orders-grid tr.shop-order-row", new() { HasText = number }), panel);

        // Cancelling asks why; the dialog's cancel leaves the order as it was.
        await panel.Locator(".cancel-order").ClickAsync();
        var dialog = merchant.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Cancel order {number}");
        await Assertions.Expect(dialog.Locator(".confirm-reason")).ToBeDisabledAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Locator("h2")).Not.ToContainTextAsync("Cancelled");

        var reason = "Out of stock " + Guid.NewGuid().ToString("N")[..6];
        await panel.Locator(".cancel-order").ClickAsync();
        await dialog.GetByLabel("Reason").FillAsync(reason);
        await dialog.Locator(".confirm-reason").ClickAsync();
        await Assertions.Expect(merchant.Locator(".mud-snackbar")).ToContainTextAsync("Order cancelled.");
        await Assertions.Expect(panel.Locator(".order-timeline")).ToContainTextAsync(reason);
    }

    private async Task<int> ShopOrderIdAsync(string number)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.ShopOrders.Where(s => s.Order!.Number == number).Select(s => s.Id).SingleAsync();
    }

    /// <summary>
    /// An order by the demo shopper of in-stock products of the main demo shop (one line per quantity given, one
    /// unit by default), paid by the Sandbox.
    /// </summary>
    private async Task<(int ShopId, string Number)> PaidOrderOfTheDemoShopperAsync(params int[] quantities)
    {
        if (quantities.Length == 0) quantities = [1];
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var candidates = await db.ProductVariants.AsNoTracking()
            .Where(v => v.Product!.Shop!.Slug == DemoSeeder.MainShopSlug && v.Product.Status == ProductStatus.Active && v.Stock!.OnHand - v.Stock.Reserved >= 5)
            .OrderBy(v => v.Id).Select(v => new { v.Id, v.ProductId, v.Product!.ShopId }).Take(50).ToListAsync();
        var variants = candidates.DistinctBy(v => v.ProductId).Take(quantities.Length).ToList();
        var userId = await app.UserIdAsync(DemoSeeder.ShopperEmail);
        var placed = await app.Services.GetRequiredService<CheckoutService>().PlaceOrderAsync(
            new Buyer(userId, DemoSeeder.ShopperEmail, ShopperKey.ForUser(userId)),
            new PlaceOrderRequest(variants.Select((v, i) => new LineRequest(v.Id, quantities[i])).ToList(),
                new PostalAddress { Name = "Sam Shopper", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" },
                new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard, 12, 2040, "123"), Guid.NewGuid().ToString()));
        Assert.True(placed.Accepted, placed.PaymentProblem);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.Orders.Where(o => o.Id == placed.OrderId).Select(o => o.Status).SingleAsync() != OrderStatus.Paid)
        {
            Assert.True(DateTime.UtcNow < deadline, "the order was not paid in time");
            await Task.Delay(200);
        }
        return (variants[0].ShopId, placed.Number);
    }
}
