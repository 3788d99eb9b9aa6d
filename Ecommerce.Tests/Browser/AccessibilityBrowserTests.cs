using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// axe-core in chromium finds no serious or critical violation on the storefront's pages and the account pages,
/// for a guest and for a signed-in shopper, each page reached by clicking as a shopper does.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccessibilityBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private readonly List<string> _found = [];

    private async Task<IPage> PageAsync()
    {
        // The page's own security policy allows only its own scripts; axe is injected by the test.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), BypassCSP = true });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private async Task CheckAsync(IPage page, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            try
            {
                foreach (var violation in await Axe.SeriousViolationsAsync(page)) _found.Add($"{name} ({new Uri(page.Url).PathAndQuery}): {violation}");
                return;
            }
            // A link from a Blazor page to an Identity page changes the address, then loads the page in full.
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("Execution context was destroyed")) { }
        }
    }

    private static async Task ClickAndWaitAsync(IPage page, ILocator target, string urlGlob)
    {
        await target.ClickAsync();
        await page.WaitForURLAsync(urlGlob);
        // Identity's pages have their own layout: wait until it is the page shown, not the one left.
        if (urlGlob.Contains("/Identity/")) await page.Locator("main.identity-main").WaitForAsync();
    }

    /// <summary>Home, category, product, shop, search, cart, saved items and checkout, as this page's visitor.</summary>
    private async Task WalkTheShopAsync(IPage page, string who)
    {
        await page.Locator(".logo").ClickAsync();
        await Assertions.Expect(page.Locator(".category-tile").First).ToBeVisibleAsync();
        await CheckAsync(page, $"home, {who}");

        await ClickAndWaitAsync(page, page.Locator(".category-tile").First, "**/c/**");
        await CheckAsync(page, $"category, {who}");

        await ClickAndWaitAsync(page, page.Locator(".product-card a.product-card-link").First, "**/p/**");
        await CheckAsync(page, $"product, {who}");

        await ClickAndWaitAsync(page, page.Locator(".product-info a[href^='/s/'], main a[href^='/s/']").First, "**/s/**");
        await CheckAsync(page, $"shop, {who}");

        await page.FillAsync("#site-search", "mug");
        await page.Locator("form.search-box button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/search?**");
        await Assertions.Expect(page.Locator(".results .product-card").First).ToBeVisibleAsync();
        await CheckAsync(page, $"search, {who}");

        // A product saved for later and one in the cart (a quick add when a result offers one), so the cart,
        // checkout and saved items have lines.
        await page.Locator(".results .heart").First.ClickAsync();
        await Assertions.Expect(page.Locator(".results .heart").First).ToHaveAttributeAsync("aria-pressed", "true");
        var quickAdd = page.Locator(".results .quick-add");
        if (await quickAdd.CountAsync() > 0) await quickAdd.First.ClickAsync();
        else
        {
            await ClickAndWaitAsync(page, page.Locator(".results .product-card a.product-card-link").First, "**/p/**");
            await page.Locator("#add-to-cart").ClickAsync();
        }
        await Assertions.Expect(page.Locator(".cart-count")).Not.ToHaveTextAsync("0");
        await ClickAndWaitAsync(page, page.Locator(".cart-link"), "**/cart");
        await CheckAsync(page, $"cart, {who}");

        await ClickAndWaitAsync(page, page.Locator(".wishlist-link"), "**/wishlist");
        await CheckAsync(page, $"saved items, {who}");

        await ClickAndWaitAsync(page, page.Locator(".cart-link"), "**/cart");
        await page.Locator("#proceed-to-checkout").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/cart"));
        await CheckAsync(page, $"checkout, {who}");
    }

    [Theory]
    [InlineData(390)] // a phone: the search filters fold into a drawer, with their heading
    [InlineData(1350)]
    public async Task Headings_descend_one_level_at_a_time_on_search_and_category_pages(int width)
    {
        var page = await PageAsync();
        await page.SetViewportSizeAsync(width, 900);
        await page.GotoAsync("/");
        await page.FillAsync("#site-search", "jacket");
        await page.Locator("form.search-box button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/search?**");
        await Assertions.Expect(page.Locator(".results .product-card").First).ToBeVisibleAsync();
        Assert.Empty(await Axe.HeadingOrderViolationsAsync(page));

        await page.Locator(".logo").ClickAsync();
        await ClickAndWaitAsync(page, page.Locator(".category-tile").First, "**/c/**");
        await Assertions.Expect(page.Locator(".product-card").First).ToBeVisibleAsync();
        Assert.Empty(await Axe.HeadingOrderViolationsAsync(page));
    }

    [Fact]
    public async Task Storefront_and_account_pages_have_no_serious_accessibility_violation_for_guests_and_shoppers()
    {
        var number = (await DemoOrders.PaidOrderOfTheDemoShopperAsync(app)).Number;

        var guest = await PageAsync();
        await guest.GotoAsync("/");
        await WalkTheShopAsync(guest, "guest");
        await ClickAndWaitAsync(guest, guest.Locator(".account-nav a", new() { HasText = "Register" }), "**/Identity/Account/Register**");
        await CheckAsync(guest, "register");
        await ClickAndWaitAsync(guest, guest.Locator(".account-nav a", new() { HasText = "Log in" }), "**/Identity/Account/Login**");
        await CheckAsync(guest, "log in");

        var shopper = await PageAsync();
        await shopper.GotoAsync("/");
        await ClickAndWaitAsync(shopper, shopper.Locator(".account-nav a", new() { HasText = "Log in" }), "**/Identity/Account/Login**");
        await shopper.FillAsync("#Input_Email", DemoSeeder.ShopperEmail);
        await shopper.FillAsync("#Input_Password", DemoSeeder.DemoPassword);
        await shopper.ClickAsync("#login-submit");
        await shopper.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login"));
        await WalkTheShopAsync(shopper, "signed in");

        await ClickAndWaitAsync(shopper, shopper.Locator(".account-nav a[href='/orders']"), "**/orders");
        await CheckAsync(shopper, "orders");
        await ClickAndWaitAsync(shopper, shopper.GetByRole(AriaRole.Link, new() { Name = number }), $"**/orders/{number}");
        await Assertions.Expect(shopper.Locator("#order-timeline")).ToBeVisibleAsync();
        await CheckAsync(shopper, "order");
        await ClickAndWaitAsync(shopper, shopper.Locator(".account-nav a.account-name"), "**/Identity/Account/Manage**");
        await CheckAsync(shopper, "account");

        Assert.True(_found.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", _found));
    }
}
