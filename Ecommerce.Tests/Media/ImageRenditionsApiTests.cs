using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Media;
using Ecommerce.Tests.Infrastructure;
using SkiaSharp;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Media;

/// <summary>
/// Over real HTTP: the product APIs give each uploaded image its renditions (thumb, card, full; WebP and JPEG) with the
/// real pixel size of each, every address serving a picture of that size, and OpenAPI describes them.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImageRenditionsApiTests(WebAppFixture app)
{
    [Fact]
    public async Task The_product_apis_give_an_uploaded_image_its_renditions_with_their_real_sizes()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var name = "Rendered vase " + Guid.NewGuid().ToString("N")[..6];
        var product = await CreateAsync(client, new { name, description = "Tall", price_usd = 30, remaining_supply = 4 });
        var productId = product.GetProperty("id").GetInt32();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestPictures.Jpeg(1200, 1800));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, MediaStore.Field, "vase.jpg");

        var uploaded = await client.PostAsync($"/api/v1/products/{productId}/images", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var image = await JsonOf(uploaded);
        var id = MediaUrls.IdOf(image.GetProperty("url").GetString())!.Value;
        var sizes = image.GetProperty("sizes");
        (string Name, int Width, int Height)[] expected = [("thumb", 133, 200), ("card", 427, 640), ("full", 1067, 1600)];
        Assert.Equal(expected.Select(e => e.Name), sizes.EnumerateObject().Select(p => p.Name));

        using var anonymous = app.CreateClient();
        foreach (var (variant, width, height) in expected)
        {
            var rendition = sizes.GetProperty(variant);
            Assert.Equal((width, height), (rendition.GetProperty("width").GetInt32(), rendition.GetProperty("height").GetInt32()));
            foreach (var (member, extension, type) in new[] { ("webp_url", "webp", "image/webp"), ("jpeg_url", "jpg", "image/jpeg") })
            {
                var address = rendition.GetProperty(member).GetString();
                Assert.Equal($"/media/{id:N}-{variant}.{extension}", address);
                var served = await anonymous.GetAsync(address);
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
                Assert.Equal(type, served.Content.Headers.ContentType?.MediaType);
                using var codec = SKCodec.Create(SKData.CreateCopy(await served.Content.ReadAsByteArrayAsync()));
                Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
            }
        }

        // The product as read, one at a time and in the list, carries the same renditions.
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{productId}");
        Assert.Equal(sizes.ToString(), read.GetProperty("images")[0].GetProperty("sizes").ToString());
        JsonElement? inList = null;
        for (var page = 1; inList is null; page++)
        {
            var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/products?page_size=100&page={page}");
            Assert.True(page <= listed.GetProperty("page_count").GetInt32(), "the product is not in its shop's list");
            inList = listed.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("id").GetInt32() == productId).Cast<JsonElement?>().FirstOrDefault();
        }
        Assert.Equal(sizes.ToString(), inList.Value.GetProperty("images")[0].GetProperty("sizes").ToString());

        // The shoppers' catalogue API too, once the node's index has read the upload.
        var slug = product.GetProperty("slug").GetString();
        for (var attempt = 0; ; attempt++)
        {
            var catalogue = await anonymous.GetAsync($"/api/v1/catalog/products/{slug}");
            if (catalogue.IsSuccessStatusCode && (await JsonOf(catalogue)).GetProperty("images") is { ValueKind: JsonValueKind.Array } images
                && images.GetArrayLength() == 1)
            {
                Assert.Equal(sizes.ToString(), images[0].GetProperty("sizes").ToString());
                break;
            }
            Assert.True(attempt < 100, "the upload never reached the catalogue API");
            await Task.Delay(200);
        }

        // An image at an outside address has no renditions to offer.
        var outside = await client.PatchAsJsonAsync($"/api/v1/products/{productId}",
            new { images = new[] { new { url = "https://cdn.example.com/vase.jpg", alt_text = "Vase" } } });
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await JsonOf(outside)).GetProperty("images")[0].GetProperty("sizes").ValueKind);
    }

    [Fact]
    public async Task OpenApi_describes_the_renditions_of_product_images()
    {
        using var client = app.CreateClient();
        var schemas = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("ImageResponse").GetProperty("properties").TryGetProperty("sizes", out _));
        Assert.True(schemas.GetProperty("ProductImageResponse").GetProperty("properties").TryGetProperty("sizes", out _));
        Assert.Contains("ImageResponse", schemas.GetProperty("ProductResponse").GetProperty("properties").GetProperty("images").ToString());
        var renditions = schemas.GetProperty("ImageSizesResponse");
        Assert.Equal(["card", "full", "thumb"], renditions.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("renditions", renditions.GetProperty("description").GetString());
        Assert.Equal(["height", "jpeg_url", "webp_url", "width"],
            schemas.GetProperty("ImageRenditionResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }
}
