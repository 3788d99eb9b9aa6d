using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>The interactive consoles in Debian's chromium: access rules, and grids that react to clicks.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Theory]
    [InlineData("/merchant")]
    [InlineData("/admin")]
    public async Task Anonymous_visitors_are_sent_to_log_in(string path)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync(path);
        Assert.Contains("/Identity/Account/Login", page.Url);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), page.Url, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/merchant")]
    public async Task A_shopper_is_refused_the_consoles(string path)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await page.GotoAsync(path);
        Assert.Contains("/Identity/Account/AccessDenied", page.Url);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Access denied");
    }

    [Fact]
    public async Task The_demo_merchant_pages_through_the_products_grid()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");

        var rows = page.Locator(".products-grid tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator(".paging-summary")).ToContainTextAsync("Page 1 of");
        var firstRowOnPageOne = await rows.First.InnerTextAsync();

        // A click handled over the circuit: the grid asks the server for page 2.
        await page.Locator(".pager-next").ClickAsync();
        await Assertions.Expect(page.Locator(".paging-summary")).ToContainTextAsync("Page 2 of");
        Assert.NotEqual(firstRowOnPageOne, await rows.First.InnerTextAsync());
        Assert.Equal(20, await rows.CountAsync());
    }

    [Fact]
    public async Task The_admin_sees_users_with_their_roles()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin/users");

        // Newest first: the users other tests register come before the admin, so the grid is searched for each one.
        var grid = page.Locator(".users-grid");
        await Assertions.Expect(grid.Locator("tr.user-row")).Not.ToHaveCountAsync(0);
        foreach (var (email, role) in new[] { (WebAppFixture.AdminEmail, "Admin"), (DemoSeeder.MerchantEmail, "Merchant") })
        {
            // Searching narrows the grid on the server.
            await page.GetByLabel("Search users").FillAsync(email);
            await page.GetByLabel("Search users").PressAsync("Enter");
            await page.GetByLabel("Search users").BlurAsync();
            await Assertions.Expect(grid.Locator("tr.user-row")).ToHaveCountAsync(1);
            await Assertions.Expect(grid).ToContainTextAsync(email);
            await Assertions.Expect(grid).ToContainTextAsync(role);
        }
    }

    [Fact]
    public async Task The_admin_rebuilds_the_search_index_and_sees_its_progress()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin/search");

        // A rebuild is confirmed first; cancelling starts nothing.
        await page.Locator(".rebuild-index").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".rebuild-progress")).ToHaveCountAsync(0);
        await page.Locator(".rebuild-index").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rebuild" }).ClickAsync();
        await Assertions.Expect(page.Locator(".rebuild-message")).ToContainTextAsync("Rebuilt:", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".rebuild-progress")).ToContainTextAsync("100");
        await Assertions.Expect(page.Locator(".rebuild-count")).ToContainTextAsync(" of ");
        Assert.NotEqual("0", await page.Locator(".index-documents").InnerTextAsync());
    }
}
