using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Browser;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Checkout;

/// <summary>The merchant's coupons page in chromium: the demo's welcome code, creating and deactivating one, ownership.</summary>
[Collection(WebCollection.Name)]
public sealed class CouponsPageBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private async Task<int> MainShopIdAsync()
    {
        await using var db = ProductApi.Db(app);
        return await db.Shops.Where(s => s.Slug == DemoSeeder.MainShopSlug).Select(s => s.Id).SingleAsync();
    }

    private static async Task FillAsync(IPage page, string name, string value)
    {
        var input = page.Locator($"input[id='{name}']");
        await input.FillAsync(value);
        await input.PressAsync("Tab"); // numeric fields bind on change
    }

    [Fact]
    public async Task The_merchant_sees_the_demo_code_creates_a_coupon_is_told_what_is_wrong_and_deactivates_it()
    {
        var shopId = await MainShopIdAsync();
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");
        // Reached as a merchant reaches it: the shop card's Coupons link.
        await BrowserSession.ClickUntilAsync(page.Locator($"main a[href='/merchant/shops/{shopId}/coupons']"), page.Locator("main h1", new() { HasText = "Coupons" }));
        await page.Locator("main[data-circuit=ready]").WaitForAsync();
        var grid = page.Locator(".coupons-grid");
        await Assertions.Expect(grid).ToContainTextAsync("WELCOME10");
        await Assertions.Expect(grid).ToContainTextAsync("10% off over 25.00");

        // A percentage above 100 is refused next to its field, and nothing is created.
        var code = "PAGE" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await FillAsync(page, "coupon-code", code.ToLowerInvariant());
        await FillAsync(page, "coupon-value", "150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create coupon" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error[data-field='value']")).ToContainTextAsync("between 0 and 100");
        await Assertions.Expect(grid).Not.ToContainTextAsync(code);

        await FillAsync(page, "coupon-value", "15");
        await FillAsync(page, "coupon-usage", "50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create coupon" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = code })).ToContainTextAsync($"{code} was created.");
        var row = grid.Locator("tr.coupon-row", new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("15% off");
        await Assertions.Expect(row).ToContainTextAsync("0 of 50");

        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate…" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync(); // the confirmation
        await Assertions.Expect(row).ToContainTextAsync("Deactivated");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "deactivated" })).ToContainTextAsync($"{code} was deactivated.");
        await using var db = ProductApi.Db(app);
        Assert.False(await db.Coupons.Where(c => c.ShopId == shopId && c.Code == code).Select(c => c.IsActive).SingleAsync());
    }

    [Fact]
    public async Task Another_merchant_sees_not_found()
    {
        var shopId = await MainShopIdAsync();
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, "merchant2@demo.local", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/merchant/shops/{shopId}/coupons");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Shop not found");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create coupon" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("WELCOME10");
    }
}
