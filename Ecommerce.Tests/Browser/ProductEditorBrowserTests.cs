using System.Globalization;
using System.Text.RegularExpressions;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>The merchant product editor in Debian's chromium: creating with variants, publishing, and stale saves.</summary>
[Collection(WebCollection.Name)]
public sealed class ProductEditorBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> MerchantAsync(string path)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, path);
        return page;
    }

    private static async Task FillAsync(IPage page, string name, string value)
    {
        // The editor's fields carry their names as input ids (the grid's search box as its name).
        var input = page.Locator($"input[id='{name}'], input[name='{name}']");
        await input.FillAsync(value);
        await input.PressAsync("Tab"); // numeric fields bind on change; leave no doubt about the value sent
    }

    [Fact]
    public async Task The_demo_merchant_creates_a_product_with_generated_variants_publishes_it_and_shoppers_see_it()
    {
        var page = await MerchantAsync("/merchant");
        await page.Locator(".new-product").First.ClickAsync();
        await page.WaitForURLAsync("**/merchant/products/new?shop=*");

        var name = $"Browser Tee {Guid.NewGuid().ToString("N")[..6]}";
        await FillAsync(page, "name", name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add option" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add option" }).ClickAsync();
        await FillAsync(page, "option-0-name", "Size");
        await FillAsync(page, "option-0-values", "S, M");
        await FillAsync(page, "option-1-name", "Colour");
        await FillAsync(page, "option-1-values", "Red, Blue");
        await page.Locator(".generate-variants").ClickAsync();
        var variantRows = page.Locator(".variants-table tbody tr");
        await Assertions.Expect(variantRows).ToHaveCountAsync(4);
        await Assertions.Expect(variantRows.Nth(1)).ToContainTextAsync("S / Blue");
        for (var i = 0; i < 4; i++)
        {
            await FillAsync(page, $"variant-{i}-price", $"{20 + i}.50");
            await FillAsync(page, $"variant-{i}-stock", $"{5 + i}");
        }
        await page.Locator(".save-product").ClickAsync();
        // The notification says so, or names the fields a refused save found wrong.
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Product created", new() { Timeout = 15_000 });
        await page.WaitForURLAsync(url => Regex.IsMatch(url, @"/merchant/products/\d+$"));
        await Assertions.Expect(page.Locator(".variants-table .variant-stock")).ToHaveCountAsync(4);
        var storeLink = await page.GetByRole(AriaRole.Link, new() { Name = "View in store" }).GetAttributeAsync("href");

        // Publish from the products grid: search, select the row, bulk Publish.
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");
        await FillAsync(page, "product-search", name);
        var row = page.Locator(".products-grid tbody tr", new() { HasText = name });
        await Assertions.Expect(page.Locator(".products-grid tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Draft");
        await row.GetByLabel($"Select {name}").CheckAsync();
        await page.Locator(".bulk-publish").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("1 product published");
        await Assertions.Expect(row).ToContainTextAsync("Active");

        var shopper = await browser.NewPageAsync(app.BaseAddress);
        var response = await shopper.GotoAsync(storeLink!);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(shopper.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(shopper.Locator(".variant-option")).ToHaveCountAsync(4);
        await Assertions.Expect(shopper.Locator(".variant-picker")).ToContainTextAsync("M / Blue");
        await Assertions.Expect(shopper.Locator(".variant-picker")).ToContainTextAsync("$23.50");
    }

    [Fact]
    public async Task A_second_editor_saving_a_stale_copy_is_told_and_keeps_their_edits()
    {
        var productId = await DemoMerchantProductAsync();
        var first = await MerchantAsync($"/merchant/products/{productId}");
        var second = await MerchantAsync($"/merchant/products/{productId}");
        // The second editor edits before the first saves: its heading follows the field only once its circuit has
        // loaded the product, so the version it holds is surely the one from before the first save.
        await FillAsync(second, "name", "Conflict Mug (second)");
        await Assertions.Expect(second.Locator("h1")).ToHaveTextAsync("Conflict Mug (second)");

        await FillAsync(first, "name", "Conflict Mug (first)");
        await first.Locator(".save-product").ClickAsync();
        // The heading follows the field as it is typed; the notification says the save itself is done.
        await Assertions.Expect(first.Locator(".mud-snackbar")).ToContainTextAsync("Product saved");

        await second.Locator(".save-product").ClickAsync();
        await Assertions.Expect(second.Locator(".conflict-message")).ToContainTextAsync("changed by someone else");
        await Assertions.Expect(second.Locator("input[id='name']")).ToHaveValueAsync("Conflict Mug (second)");

        var saved = await app.Services.GetRequiredService<MerchantCatalog>().FindForEditAsync(await DemoMerchantIdAsync(), productId);
        Assert.Equal("Conflict Mug (first)", saved!.Name);
    }

    [Fact]
    public async Task A_flash_sale_is_scheduled_with_the_date_and_time_pickers_and_cancelled_after_confirming()
    {
        var productId = await DemoMerchantProductAsync();
        var page = await MerchantAsync($"/merchant/products/{productId}");
        await FillAsync(page, "sale-price", "5");
        foreach (var (label, value) in new[] { ("Starts date (UTC)", "2030-01-05"), ("Starts time (UTC)", "10:30"), ("Ends date (UTC)", "2030-01-06"), ("Ends time (UTC)", "18:00") })
        {
            var field = page.GetByLabel(label, new() { Exact = true });
            await field.FillAsync(value);
            await field.PressAsync("Tab");
        }
        await page.Locator(".schedule-flash-sale").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "scheduled" })).ToContainTextAsync("Flash sale scheduled.");
        var sale = page.Locator(".flash-sales tbody tr");
        await Assertions.Expect(sale).ToHaveCountAsync(1);
        await Assertions.Expect(sale).ToContainTextAsync("2030-01-05 10:30");
        await Assertions.Expect(sale).ToContainTextAsync("2030-01-06 18:00");
        await Assertions.Expect(sale).ToContainTextAsync("$5.00");

        // Cancelling asks first; "Keep it" keeps it.
        await sale.Locator(".cancel-flash-sale").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(sale).ToHaveCountAsync(1);
        await sale.Locator(".cancel-flash-sale").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the sale" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "cancelled" })).ToContainTextAsync("Flash sale cancelled.");
        await Assertions.Expect(page.Locator(".flash-sales")).ToHaveCountAsync(0);
    }

    private async Task<string> DemoMerchantIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == DemoSeeder.MerchantEmail).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task The_products_grid_sorts_by_price_both_ways_and_filters_by_status()
    {
        await DemoMerchantProductAsync(); // a draft among the demo's active products
        var page = await MerchantAsync("/merchant");
        var grid = page.Locator(".products-grid");
        var allProducts = await TotalAsync(page);

        await grid.GetByRole(AriaRole.Button, new() { Name = "Price from" }).ClickAsync();
        await Assertions.Expect(grid.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Price from");
        var ascending = await PricesAsync(grid);
        Assert.True(ascending.Count > 1);
        Assert.Equal(ascending.Order(), ascending);

        await grid.GetByRole(AriaRole.Button, new() { Name = "Price from" }).ClickAsync();
        await Assertions.Expect(grid.Locator("th[aria-sort=descending]")).ToContainTextAsync("Price from");
        var descending = await PricesAsync(grid);
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.True(descending[0] >= ascending[^1]);

        await page.Locator("select.status-filter").SelectOptionAsync("Draft");
        await Assertions.Expect(grid).ToContainTextAsync("Conflict Mug");
        Assert.InRange(await TotalAsync(page), 1, allProducts - 1);
        foreach (var status in await grid.Locator("tbody tr td:nth-child(5)").AllInnerTextsAsync())
            Assert.StartsWith("Draft", status.Trim());
    }

    private static async Task<List<decimal>> PricesAsync(ILocator grid) =>
        (await grid.Locator("tbody tr td:nth-child(6)").AllInnerTextsAsync())
            .Select(text => decimal.Parse(Regex.Replace(text, "[^0-9.]", ""), CultureInfo.InvariantCulture))
            .ToList();

    private static async Task<int> TotalAsync(IPage page) =>
        int.Parse(Regex.Match(await page.Locator(".paging-summary").InnerTextAsync(), @"\((\d+) products\)").Groups[1].Value);

    private async Task<int> DemoMerchantProductAsync()
    {
        var shop = (await app.Services.GetRequiredService<MerchantShops>().ShopsOfAsync(await DemoMerchantIdAsync()))[0];
        var created = await app.Services.GetRequiredService<ProductCommands>().CreateAsync(shop.Id, new ProductInput
        {
            Name = "Conflict Mug", Slug = $"conflict-mug-{Guid.NewGuid().ToString("N")[..6]}", Status = ProductStatus.Draft,
            Variants = [new VariantInput { Price = 9m, Stock = 3 }],
        });
        return created.Id;
    }
}
