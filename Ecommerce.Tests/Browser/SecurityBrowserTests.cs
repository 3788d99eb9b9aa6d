using Ecommerce.Tests.Accounts;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>In Debian's chromium: the confirmation mail's link, and pages that run within the site's Content-Security-Policy.</summary>
[Collection(WebCollection.Name)]
public sealed class SecurityBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_shopper_registers_from_the_header_and_the_link_in_the_confirmation_mail_confirms_the_address()
    {
        var email = $"confirm-{Guid.NewGuid():N}@test.local";
        var since = DateTime.UtcNow;
        var page = await browser.NewPageAsync(app.BaseAddress);
        var violations = PolicyViolations(page);

        await page.GotoAsync("/");
        await page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/Register**");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "Confirm-Test-123!");
        await page.FillAsync("#Input_ConfirmPassword", "Confirm-Test-123!");
        await page.ClickAsync("#registerSubmit");
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Register"));

        var link = await AccountMail.LinkAsync(app.DataFolder, email, "Confirm your email", since);
        Assert.StartsWith(app.BaseAddress.ToString(), link); // the node's own address, not a Host the request named
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Thank you for confirming your email");
        Assert.Empty(violations); // the site's own pages run within its Content-Security-Policy
    }

    [Theory]
    [InlineData(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword, new[] { "/admin", "/admin/users", "/admin/orders", "/admin/search" })]
    [InlineData(Ecommerce.Core.Data.Seeding.DemoSeeder.MerchantEmail, Ecommerce.Core.Data.Seeding.DemoSeeder.DemoPassword,
        new[] { "/merchant", "/merchant/products/new", "/merchant/shops/new" })]
    public async Task Console_pages_come_alive_without_breaking_the_policy(string email, string password, string[] paths)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var violations = PolicyViolations(page);
        await BrowserSession.LogInAsync(page, email, password);
        foreach (var path in paths) await BrowserSession.OpenInteractiveAsync(page, path);
        await page.GotoAsync("/orders");
        Assert.Empty(violations);
    }

    /// <summary>Chromium reports each script, style or frame the policy refused on the console.</summary>
    private static List<string> PolicyViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) lock (violations) violations.Add(message.Text); };
        return violations;
    }
}
