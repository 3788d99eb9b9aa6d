using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// The admin and merchant consoles walked through their navigation drawers, each page reached by a click: every link
/// opens a page that renders, and axe-core finds no serious or critical violation on any page, nor in the dialogs,
/// detail panels and editors opened from them.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleWalkBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private const string AdminNav = "nav.admin-nav";
    private const string MerchantNav = "nav.merchant-nav";

    private async Task<IPage> PageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        // The page's own security policy allows only its own scripts; axe is injected by the test.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), BypassCSP = true, ColorScheme = scheme });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task<List<string>> WalkEveryLinkAsync(ConsoleWalk walk, string nav)
    {
        var broken = new List<string>();
        var links = await walk.LinksAsync(nav);
        Assert.NotEmpty(links);
        foreach (var (href, name) in links)
        {
            try
            {
                await walk.FollowAsync(nav, href);
                if (await walk.Page.GetByText("We couldn't find that page").CountAsync() > 0) broken.Add($"{name} ({href}): not found");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                broken.Add($"{name} ({href}): {e.Message.Split('\n')[0]}\n  drawer: {await walk.Page.Locator(nav).InnerHTMLAsync()}");
            }
        }
        broken.AddRange(walk.Errors.Select(e => $"script error: {e}"));
        return broken;
    }

    [Fact]
    public async Task Every_link_of_the_admin_and_merchant_navigation_opens_a_page()
    {
        var admin = await ConsoleWalk.EnterAsync(await PageAsync(), WebAppFixture.AdminEmail, WebAppFixture.AdminPassword, "Admin console");
        var broken = await WalkEveryLinkAsync(admin, AdminNav);

        var merchant = await ConsoleWalk.EnterAsync(await PageAsync(), DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword, "Merchant console");
        broken.AddRange(await WalkEveryLinkAsync(merchant, MerchantNav));

        Assert.True(broken.Count == 0, "navigation links that do not open a page:\n" + string.Join("\n", broken));
    }

    [Fact]
    public async Task In_the_dark_theme_every_console_page_has_no_serious_accessibility_violation()
    {
        var found = new List<string>();
        // A browser whose system prefers dark: the consoles open in their dark theme.
        foreach (var (email, password, header, nav, ready) in new[]
                 {
                     (WebAppFixture.AdminEmail, WebAppFixture.AdminPassword, "Admin console", AdminNav, ".gmv-chart"),
                     (DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword, "Merchant console", MerchantNav, ".products-grid tbody .edit-product"),
                 })
        {
            var walk = await ConsoleWalk.EnterAsync(await PageAsync(ColorScheme.Dark), email, password, header);
            var page = walk.Page;
            await Assertions.Expect(page.Locator("html[data-console-theme=dark]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("main#main")).ToHaveAttributeAsync("data-theme", "dark");
            foreach (var (href, name) in await walk.LinksAsync(nav))
            {
                await walk.FollowAsync(nav, href);
                if (href is "/admin" or "/merchant") await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("main .mud-table-loading, main .mud-progress-linear")).ToHaveCountAsync(0);
                foreach (var violation in await Axe.SeriousViolationsAsync(page))
                    found.Add($"{name} ({new Uri(page.Url).PathAndQuery}): {violation}");
            }
        }
        Assert.True(found.Count == 0, "axe-core found serious or critical violations in the dark theme:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task Console_pages_dialogs_and_editors_have_no_serious_accessibility_violation()
    {
        var number = (await DemoOrders.PaidOrderOfTheDemoShopperAsync(app)).Number;
        var found = new List<string>();
        // A dialog is checked on its own: the page behind it, dimmed by the modal's overlay, was checked without it.
        async Task CheckAsync(ConsoleWalk walk, string name, string? within = null)
        {
            foreach (var violation in await Axe.SeriousViolationsAsync(walk.Page, within))
                found.Add($"{name} ({new Uri(walk.Page.Url).PathAndQuery}): {violation}");
        }

        var admin = await ConsoleWalk.EnterAsync(await PageAsync(), WebAppFixture.AdminEmail, WebAppFixture.AdminPassword, "Admin console");
        var page = admin.Page;
        foreach (var (href, name) in await admin.LinksAsync(AdminNav))
        {
            await admin.FollowAsync(AdminNav, href);
            if (href == "/admin") await Assertions.Expect(page.Locator(".gmv-chart").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main .mud-table-loading, main .mud-progress-linear")).ToHaveCountAsync(0);
            await CheckAsync(admin, name);
        }

        // A user's detail card, then the lock dialog (cancelled).
        await admin.FollowAsync(AdminNav, "/admin/users");
        await BrowserSession.ClickUntilAsync(page.Locator(".users-grid .manage-user").First, page.Locator(".user-detail"));
        await CheckAsync(admin, "user detail");
        if (await page.Locator(".user-detail .lock-user").CountAsync() > 0)
        {
            await page.Locator(".user-detail .lock-user").ClickAsync();
            await Assertions.Expect(page.Locator(".reason-dialog")).ToBeVisibleAsync();
            await CheckAsync(admin, "lock dialog", ".reason-dialog");
            await page.Locator(".reason-dialog .cancel-reason").ClickAsync();
            await Assertions.Expect(page.Locator(".reason-dialog")).ToHaveCountAsync(0);
        }

        // An order's detail, then the refund dialog (cancelled).
        await admin.FollowAsync(AdminNav, "/admin/orders");
        await page.GetByLabel("Search orders").FillAsync(number);
        await page.GetByLabel("Search orders").PressAsync("Enter");
        await BrowserSession.ClickUntilAsync(page.Locator(".orders-grid .open-order", new() { HasText = number }), page.Locator(".refund-shop-order").First);
        await CheckAsync(admin, "order detail");
        await page.Locator(".refund-shop-order").First.ClickAsync();
        await Assertions.Expect(page.Locator(".refund-dialog")).ToBeVisibleAsync();
        await CheckAsync(admin, "refund dialog", ".refund-dialog");
        await page.Locator(".refund-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        var merchant = await ConsoleWalk.EnterAsync(await PageAsync(), DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword, "Merchant console");
        page = merchant.Page;
        foreach (var (href, name) in await merchant.LinksAsync(MerchantNav))
        {
            await merchant.FollowAsync(MerchantNav, href);
            if (href == "/merchant") await Assertions.Expect(page.Locator(".products-grid tbody .edit-product").First).ToBeVisibleAsync();
            await CheckAsync(merchant, name);
        }

        // The products grid's archive confirmation (cancelled), then a product in the editor.
        await merchant.FollowAsync(MerchantNav, "/merchant");
        await page.Locator(".products-grid .row-select").First.CheckAsync();
        await BrowserSession.ClickUntilAsync(page.Locator(".bulk-archive"), page.Locator(".mud-dialog"));
        await CheckAsync(merchant, "archive dialog", ".mud-dialog");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Locator(".products-grid .edit-product").First.ClickAsync();
        await page.WaitForURLAsync("**/merchant/products/*");
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync(merchant, "product editor");

        Assert.True(found.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", found));
    }
}
