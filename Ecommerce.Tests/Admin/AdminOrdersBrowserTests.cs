using System.Net;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Tests.Browser;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// /admin/orders in Debian's chromium: an admin finds an order by its number, refunds part of its shop order with a
/// reason, and sees the refund in the detail; the audit log has it. The order is the test's own (placed and paid
/// through the store API), so the shared host's demo orders stay as they are.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminOrdersBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_finds_an_order_by_number_and_refunds_part_of_it_with_a_reason()
    {
        var product = await NewProductAsync(app, stock: 5, price: 12m);
        var (shopper, _) = await NewBearerShopperAsync(app);
        string number;
        using (shopper)
        {
            var placed = await JsonAsync(await CheckoutAsync(shopper, new { lines = new[] { new { variantId = product.VariantId, quantity = 2 } }, shipTo = UsAddress, payment = Card() }),
                HttpStatusCode.Created);
            number = placed.GetProperty("number").GetString()!;
            await WaitForStatusAsync(shopper, number, "Paid");
        }

        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin/orders");
        var search = page.GetByLabel("Search orders");
        await search.FillAsync(number);
        await search.PressAsync("Tab"); // the box searches on change
        var open = page.Locator(".orders-grid .open-order");
        await Assertions.Expect(open).ToHaveCountAsync(1);
        await Assertions.Expect(open).ToHaveTextAsync(number);

        await BrowserSession.ClickUntilAsync(open, page.Locator(".order-detail"));
        var detail = page.Locator(".order-detail");
        await Assertions.Expect(detail.Locator("h2")).ToContainTextAsync($"Order {number}");
        // The refund is asked in a dialog: how much (at most what is left) and why.
        await detail.Locator(".refund-shop-order").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var amount = dialog.GetByLabel("Amount to refund");
        await amount.FillAsync("5.00");
        await amount.PressAsync("Tab");
        var reason = "Scuffed box " + Guid.NewGuid().ToString("N")[..6];
        await dialog.GetByLabel("Reason").FillAsync(reason);
        await dialog.Locator(".confirm-reason").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Refunded $5.00");
        await Assertions.Expect(detail.Locator(".admin-refunds li")).ToHaveCountAsync(1);
        await Assertions.Expect(detail.Locator(".admin-refunds")).ToContainTextAsync($"$5.00 · Succeeded · by {WebAppFixture.AdminEmail} — {reason}");
        await Assertions.Expect(detail.Locator(".admin-shop-order h3")).ToContainTextAsync("(refunded $5.00)");

        var audit = await app.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditQuery(Action: "order.refunded", Text: reason), new PageRequest(1, 10));
        var entry = Assert.Single(audit.Items);
        Assert.Equal(WebAppFixture.AdminEmail, entry.ActorName);
        Assert.Equal(reason, entry.Reason);
    }
}
