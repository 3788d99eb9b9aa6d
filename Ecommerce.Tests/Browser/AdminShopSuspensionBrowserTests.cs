using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Admin;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// In Debian's chromium: an admin suspends a shop in /admin/shops and its product leaves a shopper's /search results;
/// the admin reinstates it and the product comes back (the index is fed asynchronously, so the shopper's page is reloaded
/// until it shows the change).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminShopSuspensionBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_suspends_a_shop_its_product_leaves_search_and_comes_back_when_reinstated()
    {
        var (_, shopName, _, word) = await AdminTestKit.ShopWithProductAsync(app);
        var shopper = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(shopper, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await WaitForResultAsync(shopper, word, present: true);

        var admin = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(admin, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(admin, "/admin/shops");
        var grid = admin.Locator(".shops-grid");
        await FindShopAsync(admin, shopName);

        await grid.Locator(".suspend-shop").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Suspend {shopName}");
        await Assertions.Expect(dialog.Locator(".confirm-reason")).ToBeDisabledAsync(); // a reason is required
        await dialog.GetByLabel("Reason").FillAsync("Selling counterfeit lanterns");
        await dialog.Locator(".confirm-reason").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"{shopName} is suspended");
        await Assertions.Expect(grid.Locator(".shop-status")).ToHaveTextAsync("Suspended");
        await Assertions.Expect(grid).ToContainTextAsync("Selling counterfeit lanterns");

        await WaitForResultAsync(shopper, word, present: false);

        await grid.Locator(".reinstate-shop").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync($"Reinstate {shopName}");
        await dialog.GetByLabel("Reason").FillAsync("Supplier invoices verified");
        await dialog.Locator(".confirm-reason").ClickAsync();
        await Assertions.Expect(grid.Locator(".shop-status")).ToHaveTextAsync("Active");

        await WaitForResultAsync(shopper, word, present: true);
    }

    private static async Task FindShopAsync(IPage admin, string shopName)
    {
        // The grid's first page loads on its own; searching before it arrives would race with it.
        await Assertions.Expect(admin.Locator(".shops-grid tr.shop-row")).Not.ToHaveCountAsync(0);
        var search = admin.GetByLabel("Search shops");
        await search.FillAsync(shopName);
        await search.PressAsync("Enter");
        await search.BlurAsync();
        await Assertions.Expect(admin.Locator(".shops-grid tr.shop-row")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator(".shops-grid")).ToContainTextAsync(shopName);
    }

    /// <summary>Reloads the shopper's search page until the product is (or is no longer) among the results.</summary>
    private static async Task WaitForResultAsync(IPage shopper, string word, bool present)
    {
        var results = shopper.Locator(".results");
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(200))
        {
            await shopper.GotoAsync($"/search?q={word}");
            var text = await results.InnerTextAsync();
            if (text.Contains($"{word} lantern", StringComparison.OrdinalIgnoreCase) == present) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"After 20 s the search for {word} {(present ? "still lacks" : "still shows")} the product: {text}");
        }
    }
}
