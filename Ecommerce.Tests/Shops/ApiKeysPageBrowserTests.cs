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
}
