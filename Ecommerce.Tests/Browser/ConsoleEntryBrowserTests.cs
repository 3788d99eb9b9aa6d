using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>The consoles reached as people reach them: from the storefront header, not by typing an address.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleEntryBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_opens_the_console_from_the_header_uses_its_menu_and_logs_out_from_it()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await page.GotoAsync("/");

        await page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = "Admin console" }).ClickAsync();
        await page.Locator("main[data-circuit=ready]").WaitForAsync(new() { Timeout = 30_000 });

        // The circuit handles the menu: Moderation opens the product moderation page.
        await BrowserSession.ClickUntilAsync(page.GetByRole(AriaRole.Link, new() { Name = "Moderation" }).First,
            page.Locator("main h1", new() { HasText = "Product moderation" }));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/products$"));
        Assert.DoesNotContain(errors, e => e.Contains("Could not find") || e.Contains("circuit"));

        // Log out from the user's menu in the app bar, which names the signed-in user.
        var userMenu = page.GetByRole(AriaRole.Button, new() { Name = "Account menu" });
        await Assertions.Expect(userMenu).ToContainTextAsync(WebAppFixture.AdminEmail);
        await BrowserSession.ClickUntilAsync(userMenu, page.GetByRole(AriaRole.Menuitem, new() { Name = "Log out" }));
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin"));
        await Assertions.Expect(page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
    }
}
