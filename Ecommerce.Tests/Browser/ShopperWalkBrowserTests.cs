using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>What a new shopper meets on a first walk through the storefront, in Debian's chromium.</summary>
[Collection(WebCollection.Name)]
public sealed class ShopperWalkBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> PageAsync(int width = 1280, int height = 800, bool javaScript = true)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task SearchAsync(IPage page, string words)
    {
        await page.FillAsync("#site-search", words);
        await page.Locator("form.search-box button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/search?**");
    }

    [Fact]
    public async Task The_location_picker_names_the_country()
    {
        var page = await PageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deliver-to").ClickAsync();
        await page.WaitForURLAsync("**/deliver-to**");
        await page.SelectOptionAsync("#country", "JP");
        await page.ClickAsync("form.stacked-form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/deliver-to"));
        var deliverTo = page.Locator(".deliver-to");
        await Assertions.Expect(deliverTo).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*Deliver to\s+Japan\s*$"));
        // Its accessible name is what it shows (a voice-control user says "Deliver to Japan").
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Deliver to Japan" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Register_and_log_in_pages_speak_to_shoppers_not_developers()
    {
        var page = await PageAsync();
        await page.GotoAsync("/");
        await page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/Register**");
        var main = page.Locator("main");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create your account");
        await Assertions.Expect(main).Not.ToContainTextAsync("Use another service");
        await Assertions.Expect(main).Not.ToContainTextAsync("external authentication");

        await main.GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/Login**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Log in");
        await Assertions.Expect(main).Not.ToContainTextAsync("Use another service");
        await Assertions.Expect(main).Not.ToContainTextAsync("external authentication");
    }

    [Theory]
    [InlineData(DemoSeeder.ShopperEmail)]
    [InlineData(DemoSeeder.MerchantEmail)] // the merchant has one link more: the console
    public async Task Signed_in_the_header_is_one_line_at_1280_and_the_footer_offers_no_new_account(string email)
    {
        var page = await PageAsync(1280, 800);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".site-footer")).ToContainTextAsync("Create an account");

        await page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", DemoSeeder.DemoPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login"));
        await Assertions.Expect(page.Locator(".account-nav")).ToContainTextAsync("Log out");

        // Every item of the header sits on the first line: none starts below the bottom of another.
        var edges = await page.Locator(".header-row").EvaluateAsync<double[]>(
            "row => { const boxes = [...row.children].map(c => c.getBoundingClientRect()); return [Math.max(...boxes.map(b => b.top)), Math.min(...boxes.map(b => b.bottom))]; }");
        var (lowestTop, highestBottom) = (edges[0], edges[1]);
        Assert.True(lowestTop < highestBottom, $"the header wraps: an item starts at {lowestTop}px, below another's bottom at {highestBottom}px");
        await Assertions.Expect(page.Locator(".site-footer")).Not.ToContainTextAsync("Create an account");
    }

    [Fact]
    public async Task The_order_timeline_names_each_status_once_in_words()
    {
        var (shopId, shopOrderId, number) = await DemoOrders.PaidOrderOfTheDemoShopperAsync(app);
        var orders = app.Services.GetRequiredService<MerchantOrders>();
        await orders.MarkProcessingAsync(shopId, shopOrderId, "merchant@demo.local");
        await orders.MarkShippedAsync(shopId, shopOrderId, "UPS", "1ZONCE", "merchant@demo.local");

        var page = await PageAsync();
        await BrowserSession.LogInAsync(page, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        await page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page.Locator("#order-status")).ToHaveTextAsync("Shipped");
        var steps = (await page.Locator("#order-timeline li strong").AllInnerTextsAsync()).Select(s => s.Trim()).ToList();
        Assert.Equal(["Order placed", "Paid", "Processing", "Shipped"], steps);
        await Assertions.Expect(page.Locator("#order-timeline")).ToContainTextAsync("tracking 1ZONCE");
        // The shop's part says its status in words too.
        await Assertions.Expect(page.Locator(".order-status").First).ToHaveTextAsync("Shipped");
    }

    [Fact]
    public async Task The_product_page_shows_its_specifications_once()
    {
        var page = await PageAsync();
        await page.GotoAsync("/");
        await page.Locator(".product-card a.product-card-link").First.ClickAsync();
        await page.WaitForURLAsync("**/p/**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Specifications" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".spec-table")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task On_a_phone_the_first_result_is_at_the_top_and_the_filters_open_from_a_button_without_script()
    {
        var page = await PageAsync(390, 844, javaScript: false);
        await page.GotoAsync("/");
        await SearchAsync(page, "shirt");
        var first = page.Locator(".results .product-card").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var box = (await first.BoundingBoxAsync())!;
        Assert.True(box.Y < 844, $"the first result starts {box.Y}px down, below the first screen");
        var facetLink = page.Locator(".facets .facet a").First;
        await Assertions.Expect(facetLink).Not.ToBeVisibleAsync();

        await page.Locator(".filters-button").ClickAsync();
        await Assertions.Expect(facetLink).ToBeVisibleAsync();
        await facetLink.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("category=") || url.Contains("brand=") || url.Contains("min=") || url.Contains("attr."));
        await Assertions.Expect(page.Locator(".filters-button")).ToContainTextAsync("Filters (1)");

        // On a wide screen the filters are open beside the results, no button to press.
        var wide = await PageAsync(1280, 800);
        await wide.GotoAsync("/");
        await SearchAsync(wide, "shirt");
        await Assertions.Expect(wide.Locator(".facets .facet a").First).ToBeVisibleAsync();
        await Assertions.Expect(wide.Locator(".filters-button")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task After_a_deliverable_search_with_no_match_popular_products_deliver_there()
    {
        var page = await PageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deliver-to").ClickAsync();
        await page.SelectOptionAsync("#country", "US");
        await page.FillAsync("#postal", "10001");
        await page.FillAsync("#region", "NY");
        await page.ClickAsync("form.stacked-form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/deliver-to"));
        // Food comes from the demo grocer, which delivers around the Bay only.
        await SearchAsync(page, "coffee");
        await page.Locator(".facets .facet a", new() { HasText = "Food" }).First.ClickAsync();
        // The filtered page is the one shown (its toggle keeps the category), then only what delivers.
        var deliverable = page.Locator(".facets a.facet-toggle", new() { HasText = "Delivers to 10001" });
        await Assertions.Expect(deliverable).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("category="));
        await deliverable.ClickAsync();
        await Assertions.Expect(page.Locator(".results")).ToContainTextAsync("0 results");

        var popular = page.Locator(".results .product-card");
        await Assertions.Expect(page.Locator(".results h2")).ToHaveTextAsync("Popular right now, delivered to 10001");
        Assert.True(await popular.CountAsync() > 0);
        await popular.First.Locator("a.product-card-link").ClickAsync();
        await page.WaitForURLAsync("**/p/**");
        await Assertions.Expect(page.Locator(".delivers")).ToContainTextAsync("Delivers to 10001");
    }

    [Fact]
    public async Task The_demo_catalogue_pictures_each_product_as_what_it_is_and_every_category_tile_has_a_picture()
    {
        // A product registered through the API without a category, as API clients often do.
        using (var api = app.CreateClient())
        {
            api.DefaultRequestHeaders.Add("X-Api-Key", WebAppFixture.DemoApiKey);
            var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/v1/products",
                new { name = "Mystery gadget " + Guid.NewGuid().ToString("N")[..6], description = "No category given.", price_usd = 9.5m, remaining_supply = 3 });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var page = await PageAsync();
        await BrowserSession.LogInAsync(page, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword); // a page no cache answers
        await page.GotoAsync("/");
        var tiles = page.Locator(".category-tile");
        Assert.True(await tiles.CountAsync() >= 10);
        await Assertions.Expect(page.Locator(".category-tile:not(:has(img))")).ToHaveCountAsync(0);
        await Assertions.Expect(tiles.Filter(new() { HasText = "Other" })).ToHaveCountAsync(0);
        await Assertions.Expect(tiles.Filter(new() { HasText = "Uncategorised" })).ToHaveCountAsync(0);

        foreach (var (words, picture) in new[] { ("joggers", "trousers"), ("trekking poles", "trekking-poles"), ("cycling helmet", "helmet"), ("yoga mat", "yoga-mat"),
            ("french press", "french-press"), ("cutting board", "cutting-board"), ("electric kettle", "kettle") })
        {
            await SearchAsync(page, words);
            var image = page.Locator(".results .product-card img").First;
            await Assertions.Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"/images/generated/{picture}/"));
        }
    }
}
