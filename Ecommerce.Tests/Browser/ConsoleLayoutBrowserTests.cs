using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>The consoles' frame in Debian's chromium: the light/dark toggle, the drawer on a narrow screen, the merchant's navigation.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleLayoutBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_the_browser_remembers_it()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin");
        var main = page.Locator("main#main");
        await Assertions.Expect(main).ToHaveAttributeAsync("data-theme", "light");
        var light = await BackgroundAsync(page);

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await BrowserSession.ClickUntilAsync(toggle, page.Locator("main#main[data-theme=dark]"));
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.NotEqual(light, await BackgroundAsync(page)); // the palette really changed, not only the attribute

        // A new page in the same browser opens dark.
        await BrowserSession.OpenInteractiveAsync(page, "/admin/users");
        await Assertions.Expect(main).ToHaveAttributeAsync("data-theme", "dark");

        await toggle.ClickAsync();
        await Assertions.Expect(main).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal(light, await BackgroundAsync(page));
    }

    [Fact]
    public async Task When_the_connection_drops_the_reconnect_message_shows_and_the_page_recovers()
    {
        // The browser reaches the app through a relay the test can cut, as a network that goes away does.
        await using var relay = new TcpRelay(app.BaseAddress.Host, app.BaseAddress.Port);
        var page = await browser.NewPageAsync(new Uri($"http://{app.BaseAddress.Host}:{relay.Port}/"));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin/users");
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).Not.ToBeVisibleAsync();

        relay.Cut();
        await Assertions.Expect(modal).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(modal).ToContainTextAsync("Connection lost. Reconnecting");
        await Assertions.Expect(modal).ToHaveAttributeAsync("role", "alert");

        relay.Restore();
        await Assertions.Expect(modal).Not.ToBeVisibleAsync(new() { Timeout = 60_000 });
        // The same circuit answers again: a click is handled by the server.
        await BrowserSession.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }), page.Locator("main#main[data-theme=dark]"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("main#main")).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task A_paused_session_resumes_with_the_products_grid_as_the_merchant_left_it_and_answers_clicks()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");
        var summary = page.Locator(".paging-summary");
        var rows = page.Locator(".products-grid tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(20);

        // The merchant sorts by price, turns to page 2 and selects a row: state the circuit holds, not the URL.
        var price = page.Locator(".products-grid th", new() { HasText = "Price from" });
        await BrowserSession.ClickUntilAsync(price.Locator("button.sort"), page.Locator(".products-grid th[aria-sort=ascending]", new() { HasText = "Price from" }));
        await page.Locator(".pager-next").ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Page 2 of");
        await rows.First.Locator(".row-select").CheckAsync();
        await Assertions.Expect(page.Locator(".selection-count")).ToContainTextAsync("1 selected");
        var firstRow = await rows.First.Locator(".edit-product").InnerTextAsync();
        var pageTwo = await summary.InnerTextAsync();
        // Marks the page's markup: only a render by a new circuit replaces it.
        await page.EvaluateAsync("() => document.querySelector('.products-grid').dataset.before = 'pause'");

        // .NET 10's pause: the browser lets go of its circuit and the server keeps only the persisted state.
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await Assertions.Expect(modal).ToContainTextAsync("The session is paused");

        await modal.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(modal).Not.ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".products-grid[data-before]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        // The new circuit shows the grid as it was: same sort, page, rows and selection.
        await Assertions.Expect(summary).ToHaveTextAsync(pageTwo);
        await Assertions.Expect(page.Locator(".products-grid th[aria-sort=ascending]")).ToContainTextAsync("Price from");
        await Assertions.Expect(rows.First.Locator(".edit-product")).ToHaveTextAsync(firstRow);
        await Assertions.Expect(rows.First.Locator(".row-select")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator(".selection-count")).ToContainTextAsync("1 selected");

        // And it answers clicks: the next page, still sorted by price, and the selection cleared.
        await page.Locator(".pager-next").ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Page 3 of");
        await Assertions.Expect(page.Locator(".products-grid th[aria-sort=ascending]")).ToContainTextAsync("Price from");
        await page.Locator(".clear-selection").ClickAsync();
        await Assertions.Expect(page.Locator(".selection-count")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task On_a_narrow_screen_the_navigation_opens_from_the_menu_button()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SetViewportSizeAsync(390, 800);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin");

        var users = page.Locator("nav.admin-nav").GetByRole(AriaRole.Link, new() { Name = "Users" });
        await Assertions.Expect(users).Not.ToBeInViewportAsync();
        await BrowserSession.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "Navigation" }), users);
        await Assertions.Expect(users).ToBeInViewportAsync();
        await users.ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Users");
    }

    [Fact]
    public async Task The_merchant_navigation_lists_the_merchants_own_shops()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");

        var nav = page.Locator("nav.merchant-nav");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Your shops" })).ToBeVisibleAsync();
        // Each shop of the home page has its group in the navigation, and no other shop does.
        var shopNames = await page.Locator(".shop-card h2").AllInnerTextsAsync();
        Assert.NotEmpty(shopNames);
        foreach (var name in shopNames)
            await Assertions.Expect(nav).ToContainTextAsync(name);
        await Assertions.Expect(nav.Locator(".mud-nav-group")).ToHaveCountAsync(shopNames.Count);
    }
}
