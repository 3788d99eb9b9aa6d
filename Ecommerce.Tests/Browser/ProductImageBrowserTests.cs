using Ecommerce.Core.Media;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Tests.Media;
using Microsoft.Playwright;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Browser;

/// <summary>An uploaded product image as a shopper's browser gets it: the WebP variant that fits the card, decoded.</summary>
[Collection(WebCollection.Name)]
public sealed class ProductImageBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_searched_products_card_shows_its_uploaded_image_from_the_webp_srcset()
    {
        var name = "Browser lamp " + Guid.NewGuid().ToString("N")[..6];
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client, new { name, description = "Pictured", price_usd = 15, remaining_supply = 2 });
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestPictures.Jpeg(1000, 1000));
        file.Headers.ContentType = new("image/jpeg");
        form.Add(file, MediaStore.Field, "lamp.jpg");
        var upload = await client.PostAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}/images", form);
        var id = MediaUrls.IdOf((await JsonOf(upload)).GetProperty("url").GetString())!.Value;

        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/");
        var img = page.Locator("article.product-card", new() { HasText = name }).Locator("picture img");
        for (var attempt = 0; await img.CountAsync() == 0; attempt++) // the node's index follows the outbox
        {
            Assert.True(attempt < 40, "the product never appeared in the search results");
            await page.FillAsync("#site-search", name);
            await page.PressAsync("#site-search", "Enter");
            await page.WaitForURLAsync("**/search?**");
            await Task.Delay(250);
        }

        await img.ScrollIntoViewIfNeededAsync(); // lazy loading
        Assert.NotNull(await img.GetAttributeAsync("srcset"));
        await Assertions.Expect(img).ToHaveJSPropertyAsync("complete", true);
        var chosen = await img.EvaluateAsync<string>("i => i.currentSrc");
        Assert.Matches($"/media/{id:N}-(card|full)\\.webp$", chosen); // a card slot never takes the thumbnail
        Assert.True(await img.EvaluateAsync<int>("i => i.naturalWidth") > 0); // fetched and decoded
    }
}
