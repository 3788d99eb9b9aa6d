using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Browser;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Shops;

/// <summary>The API keys console page in chromium: a merchant who does not own the shop sees "not found".</summary>
[Collection(WebCollection.Name)]
public sealed class ApiKeysPageBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private async Task<int> ShopIdAsync(string slug)
    {
        await using var db = ProductApi.Db(app);
        return await db.Shops.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task Another_merchant_sees_not_found()
    {
        var shopId = await ShopIdAsync(ProductApi.ShopA);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, "merchant2@demo.local", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/merchant/shops/{shopId}/api-keys");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Shop not found");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create key" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_merchant_creates_a_key_from_the_navigation_and_revokes_it_after_confirming()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");
        var nav = page.Locator("nav.merchant-nav");
        var apiKeys = nav.GetByRole(AriaRole.Link, new() { Name = "API keys" }).First;
        if (!await apiKeys.IsVisibleAsync()) await nav.Locator(".mud-nav-group button").First.ClickAsync(); // the shop's group is folded
        await BrowserSession.ClickUntilAsync(apiKeys, page.Locator("main h1", new() { HasText = "API keys" }));

        var name = "Sync " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Key name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator(".api-key-secret")).ToContainTextAsync($"{name} was created");
        var row = page.Locator(".api-keys-grid tr.api-key-row", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Active");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Revoke “{name}”?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = name })).ToContainTextAsync("is revoked");
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        await Assertions.Expect(page.Locator(".api-key-secret")).ToHaveCountAsync(0); // the secret of a revoked key is gone
    }
}
