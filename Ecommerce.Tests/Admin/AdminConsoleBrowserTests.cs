using Ecommerce.Tests.Browser;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Admin;

/// <summary>The admin console in Debian's chromium: the navigation and dashboard, settings with field errors, a category made in the page.</summary>
[Collection(WebCollection.Name)]
public sealed class AdminConsoleBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> AdminPageAsync(string path)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, path);
        return page;
    }

    [Fact]
    public async Task The_dashboard_shows_the_platforms_figures_and_the_navigation_leads_to_every_section()
    {
        var page = await AdminPageAsync("/admin");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.Locator(".dashboard-shops")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".pipeline-health")).ToContainTextAsync("Pending:");
        await Assertions.Expect(page.Locator(".search-health")).ToContainTextAsync("Documents:");
        var nav = page.Locator("nav.admin-nav");
        foreach (var section in new[] { "Users", "Merchants", "Shops", "Moderation", "Orders", "Catalogue", "Settings", "Events", "Search", "Audit log" })
            await Assertions.Expect(nav).ToContainTextAsync(section);

        // The 90-day range is a click away, answered over the circuit.
        await page.GetByText("90 days").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-chart").First).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Platform settings");
    }

    [Fact]
    public async Task A_bad_currency_is_explained_under_its_field_and_a_good_one_is_saved()
    {
        var page = await AdminPageAsync("/admin/settings");
        var currency = page.GetByLabel("Platform currency");
        var original = await currency.InputValueAsync();
        await currency.FillAsync("us");
        await page.Locator(".save-settings").ClickAsync();
        await Assertions.Expect(page.Locator(".field-error[data-field=currency]")).ToContainTextAsync("three upper-case letters");

        await currency.FillAsync(original);
        await page.Locator(".save-settings").ClickAsync();
        await Assertions.Expect(page.Locator(".settings-message")).ToContainTextAsync("Settings saved.");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_creates_a_category_and_adds_an_attribute_in_the_page()
    {
        var page = await AdminPageAsync("/admin/catalogue");
        var name = $"Browser {Guid.NewGuid():N}"[..16];
        // The grid fills after the circuit starts; a click before that could land on a moving page.
        await Assertions.Expect(page.Locator(".categories-grid")).ToContainTextAsync("Beauty"); // a demo category
        await page.Locator(".new-category").ClickAsync();
        var editor = page.Locator(".category-editor");
        await editor.GetByLabel("Category name").FillAsync(name);
        await page.Locator(".save-category").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = name })).ToContainTextAsync($"{name} is saved.");

        await page.Locator(".attribute-template").GetByLabel("Attribute label").FillAsync("Thread count");
        await page.Locator(".save-attribute").ClickAsync();
        await Assertions.Expect(page.Locator(".attribute-template")).ToContainTextAsync("thread_count");

        // Deleting is confirmed in a dialog.
        await page.Locator(".delete-category").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Delete {name}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "deleted" })).ToContainTextAsync($"{name} is deleted.");
        await Assertions.Expect(page.Locator(".categories-grid")).Not.ToContainTextAsync(name);
    }

    [Fact]
    public async Task The_moderation_grid_pages_on_the_server()
    {
        var page = await AdminPageAsync("/admin");
        await BrowserSession.ClickUntilAsync(page.Locator("nav.admin-nav").GetByRole(AriaRole.Link, new() { Name = "Moderation" }),
            page.Locator("main h1", new() { HasText = "Product moderation" }));
        var rows = page.Locator(".moderation-grid tr.product-row");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        var info = page.Locator(".moderation-grid .mud-table-pagination-caption").Last;
        await Assertions.Expect(info).ToContainTextAsync("1-20 of");
        var firstOnPageOne = await rows.First.InnerTextAsync();

        // The next page is asked of the server (the grid holds one page of rows, never the whole table).
        await page.Locator(".moderation-grid").GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(info).ToContainTextAsync("21-");
        await Assertions.Expect(rows.First).Not.ToHaveTextAsync(firstOnPageOne);
        Assert.InRange(await rows.CountAsync(), 1, 20);
    }

    [Fact]
    public async Task A_tax_rate_is_saved_with_a_snackbar_and_deleted_after_a_confirmation()
    {
        var page = await AdminPageAsync("/admin/tax-rates");
        // Markup in a name is shown as text, in the grid and in the snackbar alike.
        var name = $"<i>Tax {Guid.NewGuid():N}"[..15] + "</i>";
        var region = "T" + Random.Shared.Next(10000, 99999);
        var editor = page.Locator(".tax-editor");
        await editor.GetByLabel("Region (optional)").FillAsync(region);
        await editor.GetByLabel("Rate (%)").FillAsync("7.5");
        await editor.GetByLabel("Tax name").FillAsync(name);
        await page.Locator(".save-tax-rate").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = name })).ToContainTextAsync($"{name} (US-{region}) is now 7.5 %.");
        var row = page.Locator(".tax-grid tr.tax-row", new() { HasText = name });
        await Assertions.Expect(page.Locator(".mud-snackbar i, .tax-grid i")).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync("7.5 %");

        // Cancelling the confirmation keeps the rate; confirming deletes it.
        await row.Locator(".delete-tax-rate").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator(".delete-tax-rate").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "deleted" })).ToContainTextAsync($"{name} (US) is deleted.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }
}
