using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Api;

/// <summary>Registering products over real HTTP: the seed payload, API key authentication, input errors, OpenAPI.</summary>
[Collection(WebCollection.Name)]
public sealed class ProductRegistrationApiTests(WebAppFixture app)
{
    [Theory]
    [InlineData("/api/v1/products")]
    [InlineData("/register-product")]
    public async Task The_seed_payload_with_the_demo_key_registers_a_product_that_shoppers_can_see(string path)
    {
        using var client = Client(app, WebAppFixture.DemoApiKey);
        var response = await client.PostAsJsonAsync(path, SeedPayload());
        var body = await JsonOf(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/products/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("KUHL Laptop", body.GetProperty("name").GetString());
        Assert.StartsWith("kuhl-laptop", body.GetProperty("slug").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        var variant = Assert.Single(body.GetProperty("variants").EnumerateArray().ToList());
        Assert.Equal(200m, variant.GetProperty("price_usd").GetDecimal());
        Assert.Equal(30, variant.GetProperty("remaining_supply").GetInt32());
        Assert.Equal(body.GetProperty("version").GetString(), response.Headers.ETag!.Tag.Trim('"'));

        var page = await client.GetAsync(body.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("KUHL Laptop", await page.Content.ReadAsStringAsync());
        Assert.Equal([EventTypes.ProductRegistered], await EventTypesAsync(app, id));
        await using var db = Db(app);
        Assert.Equal(await MainShopIdAsync(app), await db.Products.Where(p => p.Id == id).Select(p => p.ShopId).SingleAsync());
    }

    [Fact]
    public async Task The_full_payload_with_variants_category_and_images_is_stored_and_a_key_in_the_authorization_header_works()
    {
        var (_, key) = await KeyForAsync(app, ShopB);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("ApiKey", key);
        var sku = "API-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var body = await CreateAsync(client, new
        {
            name = "Trail Jacket", slug = "trail-jacket-" + sku.ToLowerInvariant(), brand = "KUHL", tags = new[] { "Outdoor" }, status = "draft",
            variants = new object[]
            {
                new { sku, options = new Dictionary<string, string> { ["Size"] = "M" }, price_usd = 120.5, compare_at_price_usd = 150, remaining_supply = 4 },
                new { options = new Dictionary<string, string> { ["Size"] = "L" }, price_usd = 125, remaining_supply = 0 },
            },
            images = new[] { new { url = "https://example.com/jacket.jpg", alt_text = "The jacket" } },
        });
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("other", body.GetProperty("category").GetString());
        Assert.Equal(["outdoor"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var variants = body.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(sku, variants[0].GetProperty("sku").GetString());
        Assert.Equal(150m, variants[0].GetProperty("compare_at_price_usd").GetDecimal());
        Assert.Equal("L", variants[1].GetProperty("options").GetProperty("Size").GetString());
        Assert.Equal("The jacket", body.GetProperty("images")[0].GetProperty("alt_text").GetString());
        Assert.Equal("Size", body.GetProperty("options")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Requests_without_a_key_with_a_garbage_key_or_with_a_revoked_key_get_401_problems()
    {
        var (shopId, key) = await KeyForAsync(app, ShopA);
        await using (var db = Db(app))
        {
            var keyId = await db.ApiKeys.Where(k => k.Prefix == ApiKeys.PrefixOf(key)).Select(k => k.Id).SingleAsync();
            var owner = await db.Shops.Where(s => s.Id == shopId).Select(s => s.Merchant!.UserId).SingleAsync();
            await app.Services.GetRequiredService<ApiKeys>().RevokeAsync(owner, shopId, keyId);
        }
        await using var before = Db(app);
        var count = await before.Products.CountAsync();

        foreach (var attempt in new[] { null, "garbage", WebAppFixture.DemoApiKey[..^1] + "X", key })
        {
            using var client = Client(app, attempt);
            foreach (var path in new[] { "/api/v1/products", "/register-product" })
            {
                var response = await client.PostAsJsonAsync(path, SeedPayload());
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                var problem = await JsonOf(response);
                Assert.Equal(401, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
            }
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/products")).StatusCode);
        }
        await using var after = Db(app);
        Assert.Equal(count, await after.Products.CountAsync());
    }

    [Theory]
    [InlineData("""{"description": "no name", "price_usd": 200, "remaining_supply": 30}""", "name")]
    [InlineData("""{"name": "Negative", "price_usd": -5, "remaining_supply": 30}""", "price_usd")]
    [InlineData("""{"name": "Negative stock", "price_usd": 200, "remaining_supply": -1}""", "remaining_supply")]
    [InlineData("""{"name": "No price", "remaining_supply": 3}""", "price_usd")]
    [InlineData("""{"name": "Huge stock", "price_usd": 200, "remaining_supply": 99999999999}""", "remaining_supply")]
    [InlineData("""{"name": "Huge price", "price_usd": 1e40, "remaining_supply": 1}""", "price_usd")]
    [InlineData("""{"name": "Too dear", "price_usd": 2000000, "remaining_supply": 1}""", "price_usd")]
    [InlineData("""{"name": "Unknown kind", "category": "no-such-category", "price_usd": 200, "remaining_supply": 1}""", "category")]
    [InlineData("""{"name": "Cheap", "price_usd": "cheap", "remaining_supply": 1}""", "price_usd")]
    [InlineData("""{"name": "Quoted", "price_usd": "200", "remaining_supply": 1}""", "price_usd")]
    [InlineData("""{"name": "Bad status", "status": "sold", "price_usd": 200, "remaining_supply": 1}""", "status")]
    [InlineData("""{"name": "Bad variant", "variants": [{"price_usd": 0, "remaining_supply": -2}]}""", "variants[0].price_usd", "variants[0].remaining_supply")]
    [InlineData("""{"name": "Bad image", "price_usd": 1, "remaining_supply": 1, "images": [{"url": "javascript:alert(1)"}]}""", "images[0].url")]
    [InlineData("""{"name": "Broken", "price_usd": 200,""", "body")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""null""", "body")]
    [InlineData("", "body")]
    public async Task Invalid_input_is_a_400_naming_each_field_and_stores_nothing(string json, params string[] fields)
    {
        using var client = Client(app, WebAppFixture.DemoApiKey);
        await using var before = Db(app);
        var count = await before.Products.CountAsync();

        foreach (var path in new[] { "/api/v1/products", "/register-product" })
        {
            var response = await client.PostAsync(path, Json(json));
            var problem = await JsonOf(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Equal(fields.Order(), errors.Order());
        }
        await using var after = Db(app);
        Assert.Equal(count, await after.Products.CountAsync());
    }

    [Fact]
    public async Task Several_invalid_fields_are_reported_together()
    {
        using var client = Client(app, WebAppFixture.DemoApiKey);
        var response = await client.PostAsync("/api/v1/products", Json("""{"name": "", "price_usd": -1, "remaining_supply": -1}"""));
        var errors = (await JsonOf(response)).GetProperty("errors");
        Assert.Equal(["name", "price_usd", "remaining_supply"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("must be greater than 0", errors.GetProperty("price_usd")[0].GetString());
    }

    [Fact]
    public async Task OpenApi_describes_every_products_path_and_operation()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/v1/products"] = ["get", "post"],
            ["/register-product"] = ["post"],
            ["/api/v1/products/{id}"] = ["get", "put", "patch", "delete"],
            ["/api/v1/products/{id}/stock"] = ["patch"],
            ["/api/v1/products/{id}/images"] = ["post"],
        };
        foreach (var (path, methods) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from OpenAPI");
            foreach (var method in methods)
            {
                var operation = item.GetProperty(method);
                Assert.Equal("Products", operation.GetProperty("tags")[0].GetString());
                Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} does not document 401");
            }
        }
        Assert.True(paths.GetProperty("/api/v1/products").GetProperty("post").TryGetProperty("requestBody", out _));
        var upload = paths.GetProperty("/api/v1/products/{id}/images").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(upload.TryGetProperty("multipart/form-data", out var multipart), upload.ToString());
        Assert.Contains("\"binary\"", multipart.GetProperty("schema").GetProperty("properties").GetProperty("file").ToString());
    }
}
