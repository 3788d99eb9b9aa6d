using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>The storefront and accounts in Debian's chromium, against the real app with the demo catalogue.</summary>
[Collection(WebCollection.Name)]
public sealed class StorefrontBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task Home_page_lists_demo_products_that_open_their_product_page()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);

        var cards = page.Locator(".product-card");
        Assert.True(await cards.CountAsync() >= 8, "home page shows bestsellers and new arrivals");
        Assert.True(await page.Locator(".category-tile").CountAsync() >= 10, "home page shows the categories");

        var firstName = (await cards.First.Locator(".product-card-name").InnerTextAsync()).Trim();
        await cards.First.Locator("a.product-card-link").ClickAsync();
        await page.WaitForURLAsync("**/p/**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(firstName);
        Assert.True(await page.Locator(".price-now").CountAsync() >= 1);
        Assert.True(await page.Locator(".stock-status").IsVisibleAsync());
    }

    [Fact]
    public async Task Flash_deals_count_down_and_viewed_products_come_back_on_the_home_page()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/");
        var deal = page.Locator(".deal-card").First;
        await Assertions.Expect(deal).ToBeVisibleAsync();
        var before = await deal.Locator(".countdown-value").InnerTextAsync();
        await Assertions.Expect(deal.Locator(".countdown-value")).Not.ToHaveTextAsync(before, new() { Timeout = 5_000 }); // it ticks
        await Assertions.Expect(deal).ToContainTextAsync("left at this price");

        var name = (await deal.Locator(".product-card-name").InnerTextAsync()).Trim();
        await deal.Locator("a.product-card-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator(".deal-box")).ToContainTextAsync("Flash deal");
        await Assertions.Expect(page.Locator("#more-heading")).ToContainTextAsync("More from");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("section[aria-labelledby=recent-heading]")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task Category_pages_page_through_products()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/");
        await page.Locator(".category-tile").First.ClickAsync();
        await page.WaitForURLAsync("**/c/**");
        var firstOnPageOne = await page.Locator(".product-card-name").First.InnerTextAsync();

        await page.Locator(".pager a[rel=next]").ClickAsync();
        await page.WaitForURLAsync("**page=2**");
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("Page 2 of");
        Assert.NotEqual(firstOnPageOne, await page.Locator(".product-card-name").First.InnerTextAsync());
    }

    [Fact]
    public async Task A_new_shopper_registers_logs_out_and_logs_in()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var email = $"shopper-{Guid.NewGuid():N}@test.local";
        const string password = "Shop-Test-123!";

        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_ConfirmPassword", password);
        await page.ClickAsync("#registerSubmit");
        await page.WaitForURLAsync(url => !url.Contains("/Register"));
        await Assertions.Expect(page.Locator(".account-nav")).ToContainTextAsync(email);

        await page.Locator(".account-nav button", new() { HasText = "Log out" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account-nav")).ToContainTextAsync("Log in");

        await BrowserSession.LogInAsync(page, email, password);
        await Assertions.Expect(page.Locator(".account-nav")).ToContainTextAsync(email);
    }

    [Fact]
    public async Task Two_factor_setup_shows_a_scannable_qr_code()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var email = $"twofa-{Guid.NewGuid():N}@test.local";
        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "TwoFa-Test-123!");
        await page.FillAsync("#Input_ConfirmPassword", "TwoFa-Test-123!");
        await page.ClickAsync("#registerSubmit");
        await page.WaitForURLAsync(url => !url.Contains("/Register"));

        await page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
        var qr = page.Locator("#qrCode img");
        await Assertions.Expect(qr).ToBeVisibleAsync();
        // The image really loaded (an SVG drawn by the server for this user), not a broken link.
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Scan the QR Code");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", Ecommerce.Core.Data.Seeding.DemoSeeder.ShopperEmail);
        await page.FillAsync("#Input_Password", "not-the-password");
        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Invalid login attempt");
    }
}
