using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Events;
using Ecommerce.Core.Media;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Api;

/// <summary>POST /api/v1/products/{id}/images over real HTTP: multipart upload, checked by content, appended to the gallery.</summary>
[Collection(WebCollection.Name)]
public sealed class ProductImagesApiTests(WebAppFixture app)
{
    private static string ImagesPath(JsonElement product) => $"/api/v1/products/{product.GetProperty("id").GetInt32()}/images";

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName = "photo.png", string? altText = null, string contentType = "image/png")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, MediaStore.Field, fileName);
        if (altText is not null) form.Add(new StringContent(altText), "alt_text");
        return form;
    }

    [Fact]
    public async Task An_uploaded_image_is_appended_served_and_shown_on_the_product_page()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client, new
        {
            name = "Gallery " + Guid.NewGuid().ToString("N")[..6], description = "Has pictures", price_usd = 20, remaining_supply = 5,
            images = new[] { new { url = "/images/placeholder.svg", alt_text = "first" } },
        });

        var response = await client.PostAsync(ImagesPath(product), Upload(TestImages.TinyPng, altText: "Front view"));
        var image = await JsonOf(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = image.GetProperty("url").GetString()!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", url);
        Assert.Equal("Front view", image.GetProperty("alt_text").GetString());
        Assert.Equal(1, image.GetProperty("position").GetInt32());

        // Appended through ProductCommands: the gallery keeps the first image, stock is untouched, product.updated is written.
        var now = await client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.GetProperty("id").GetInt32()}");
        Assert.Equal(["/images/placeholder.svg", url], now.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("url").GetString()));
        Assert.Equal(5, now.GetProperty("variants")[0].GetProperty("remaining_supply").GetInt32());
        Assert.Equal([EventTypes.ProductRegistered, EventTypes.ProductUpdated], await EventTypesAsync(app, product.GetProperty("id").GetInt32()));

        using var anonymous = app.CreateClient();
        var served = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType); // the full variant, never the upload
        Assert.NotEqual(TestImages.TinyPng, await served.Content.ReadAsByteArrayAsync());

        var page = await anonymous.GetAsync(now.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // A 1×1 picture: its three variants are all 1 pixel wide, so the srcset names the smallest once, by its real width.
        Assert.Contains($"srcset=\"{url[..^".png".Length]}-thumb.webp 1w\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Alt_text_defaults_to_the_product_name()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client);
        var image = await JsonOf(await client.PostAsync(ImagesPath(product), Upload(TestImages.TinyPng)));
        Assert.Equal(product.GetProperty("name").GetString(), image.GetProperty("alt_text").GetString());
        Assert.Equal(0, image.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Another_shops_product_is_not_found_and_nothing_is_stored()
    {
        var (_, keyA) = await KeyForAsync(app, ShopA);
        var (_, keyB) = await KeyForAsync(app, ShopB);
        using var owner = Client(app, keyA);
        using var other = Client(app, keyB);
        var product = await CreateAsync(owner);
        var before = Db(app).MediaFiles.Count();

        var response = await other.PostAsync(ImagesPath(product), Upload(TestImages.TinyPng));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, Db(app).MediaFiles.Count());
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(ImagesPath(product), Upload(TestImages.TinyPng))).StatusCode);
    }

    [Fact]
    public async Task A_disguised_a_too_large_or_a_missing_file_is_a_400_naming_the_file()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client);

        var disguised = await client.PostAsync(ImagesPath(product), Upload(TestImages.DisguisedHtml, "photo.png"));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("Only PNG, JPEG or WebP images up to 5 MB", (await JsonOf(disguised)).GetProperty("errors").GetProperty("file")[0].GetString());

        var tooBig = new byte[5 * 1024 * 1024 + 1];
        TestImages.TinyPng.CopyTo(tooBig, 0);
        var large = await client.PostAsync(ImagesPath(product), Upload(tooBig));
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("up to 5 MB", (await JsonOf(large)).GetProperty("errors").GetProperty("file")[0].GetString());

        var huge = await client.PostAsync(ImagesPath(product), Upload(new byte[6 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("up to 5 MB", (await JsonOf(huge)).GetProperty("errors").GetProperty("file")[0].GetString());

        var noFile = new MultipartFormDataContent { { new StringContent("alt only"), "alt_text" } };
        var missing = await client.PostAsync(ImagesPath(product), noFile);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("is required", (await JsonOf(missing)).GetProperty("errors").GetProperty("file")[0].GetString());

        var json = await client.PostAsync(ImagesPath(product), Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("multipart/form-data", (await JsonOf(json)).GetProperty("errors").GetProperty("file")[0].GetString());

        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.GetProperty("id").GetInt32()}");
        Assert.Equal(0, unchanged.GetProperty("images").GetArrayLength());
    }
}
