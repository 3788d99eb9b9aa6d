using Ecommerce.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>Search and "Deliver to" in chromium, on the demo catalogue.</summary>
[Collection(WebCollection.Name)]
public sealed class SearchBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private static async Task SetLocationAsync(IPage page, string country, string countryName, string postal, string region)
    {
        await page.Locator(".deliver-to").ClickAsync();
        await page.WaitForURLAsync("**/deliver-to**");
        await page.SelectOptionAsync("#country", country);
        await page.FillAsync("#postal", postal);
        await page.FillAsync("#region", region);
        await page.ClickAsync("form.stacked-form button[type=submit]");
        // The country by its name, once ("94107, United States", not the code twice).
        await Assertions.Expect(page.Locator(".deliver-to-value")).ToHaveTextAsync($"{postal}, {countryName}");
    }

    [Fact]
    public async Task Search_results_say_whether_they_can_be_delivered_and_can_be_filtered()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/search?category=food");
        await Assertions.Expect(page.Locator(".product-card").First).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // The demo grocer delivers around the Bay only.
        await SetLocationAsync(page, "US", "United States", "94107", "CA");
        await page.GotoAsync("/search?category=food");
        await Assertions.Expect(page.Locator(".product-card .delivers").First).ToContainTextAsync("Delivers to 94107 in 1–2 days");

        await SetLocationAsync(page, "US", "United States", "10001", "NY");
        await page.GotoAsync("/search?category=food");
        await Assertions.Expect(page.Locator(".product-card .no-delivery").First).ToContainTextAsync("Does not deliver to 10001");

        await page.GetByText("Delivers to 10001").ClickAsync();
        await Assertions.Expect(page.Locator(".results")).ToContainTextAsync("0 results");
        Assert.Equal(0, await page.Locator(".results .product-card .no-delivery").CountAsync());
    }

    [Fact]
    public async Task The_header_box_suggests_products_as_you_type()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/");
        await page.Locator("#site-search").PressSequentiallyAsync("headph", new() { Delay = 40 });
        var list = page.Locator("#site-search-suggestions a");
        await Assertions.Expect(list.Filter(new() { HasText = "In category: Headphones" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var suggestion = list.Filter(new() { HasText = "Headphones", HasNotText = "In category" }).First;
        await Assertions.Expect(suggestion).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var name = (await suggestion.InnerTextAsync()).Trim();
        await suggestion.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/p/"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);

        // The product page came by enhanced navigation, which replaced the header: the box still suggests.
        await page.Locator("#site-search").PressSequentiallyAsync("headph", new() { Delay = 40 });
        await Assertions.Expect(list.Filter(new() { HasText = "In category: Headphones" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }
}
