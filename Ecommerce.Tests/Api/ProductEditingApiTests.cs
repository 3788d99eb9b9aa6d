using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Api;

/// <summary>Reading, replacing, patching, deleting, stock changes and the paged list over real HTTP.</summary>
[Collection(WebCollection.Name)]
public sealed class ProductEditingApiTests(WebAppFixture app)
{
    private static string PathOf(JsonElement product) => $"/api/v1/products/{product.GetProperty("id").GetInt32()}";
    private static string Version(JsonElement product) => product.GetProperty("version").GetString()!;

    [Fact]
    public async Task Put_replaces_the_product_and_keeps_its_single_variant()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client);
        var response = await client.SendAsync(Request(HttpMethod.Put, PathOf(product),
            """{"name": "Replaced", "description": "New text", "price_usd": 180, "remaining_supply": 12, "brand": "Acme"}""", $"\"{Version(product)}\""));
        var body = await JsonOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Replaced", body.GetProperty("name").GetString());
        Assert.Equal("Acme", body.GetProperty("brand").GetString());
        var variant = Assert.Single(body.GetProperty("variants").EnumerateArray().ToList());
        Assert.Equal(product.GetProperty("variants")[0].GetProperty("id").GetInt32(), variant.GetProperty("id").GetInt32());
        Assert.Equal(180m, variant.GetProperty("price_usd").GetDecimal());
        Assert.Equal(12, variant.GetProperty("remaining_supply").GetInt32());
        Assert.NotEqual(Version(product), Version(body));
        Assert.Equal([EventTypes.ProductRegistered, EventTypes.StockChanged, EventTypes.ProductUpdated], await EventTypesAsync(app, product.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Put_with_a_stale_version_is_a_409_and_changes_nothing()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client);
        var first = await client.PatchAsJsonAsync(PathOf(product), new { name = "First edit" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var stale = await client.SendAsync(Request(HttpMethod.Put, PathOf(product), """{"name": "Second edit", "price_usd": 1, "remaining_supply": 1}""", $"\"{Version(product)}\""));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else", (await JsonOf(stale)).GetProperty("detail").GetString());
        var staleInBody = await client.PutAsJsonAsync(PathOf(product), new { name = "Third edit", price_usd = 1, remaining_supply = 1, version = Version(product) });
        Assert.Equal(HttpStatusCode.Conflict, staleInBody.StatusCode);

        var now = await client.GetFromJsonAsync<JsonElement>(PathOf(product));
        Assert.Equal("First edit", now.GetProperty("name").GetString());
        var badIfMatch = await client.SendAsync(Request(HttpMethod.Put, PathOf(product), """{"name": "x", "price_usd": 1}""", "\"not-a-version\""));
        Assert.Equal(HttpStatusCode.BadRequest, badIfMatch.StatusCode);
    }

    [Fact]
    public async Task Patch_changes_only_the_given_field()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client, new
        {
            name = "Patch me " + Guid.NewGuid().ToString("N")[..6], description = "Keep this", brand = "Keep", tags = new[] { "keep" },
            price_usd = 99.5, remaining_supply = 7, images = new[] { new { url = "/images/placeholder.svg", alt_text = "kept" } },
        });
        var response = await client.PatchAsJsonAsync(PathOf(product), new { description = "Changed" });
        var body = await JsonOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Changed", body.GetProperty("description").GetString());
        foreach (var field in new[] { "name", "slug", "brand", "category", "status" })
            Assert.Equal(product.GetProperty(field).GetString(), body.GetProperty(field).GetString());
        Assert.Equal(product.GetProperty("tags").ToString(), body.GetProperty("tags").ToString());
        Assert.Equal(product.GetProperty("images").ToString(), body.GetProperty("images").ToString());
        Assert.Equal(product.GetProperty("variants").ToString(), body.GetProperty("variants").ToString());

        var price = await JsonOf(await client.PatchAsJsonAsync(PathOf(product), new { price_usd = 89 }));
        Assert.Equal(89m, price.GetProperty("variants")[0].GetProperty("price_usd").GetDecimal());
        Assert.Equal(7, price.GetProperty("variants")[0].GetProperty("remaining_supply").GetInt32());
        Assert.Equal("Changed", price.GetProperty("description").GetString());

        var invalid = await client.PatchAsJsonAsync(PathOf(product), new { name = "", price_usd = -1 });
        Assert.Equal(["name", "price_usd"], (await JsonOf(invalid)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Patch_without_stock_fields_never_reverts_a_concurrent_stock_change()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client); // 30 in stock

        // Each round races a PATCH of the name (which reads the product, stock included, then writes it) with a sale-like
        // adjustment; a PATCH that wrote back the count it read would undo the adjustment.
        const int rounds = 12;
        for (var i = 0; i < rounds; i++)
        {
            var patch = client.PatchAsJsonAsync(PathOf(product), new { name = $"Renamed {i}" });
            var adjust = client.PatchAsJsonAsync($"{PathOf(product)}/stock", new { delta = -1, reason = "sale" });
            var responses = await Task.WhenAll(patch, adjust);
            Assert.Contains(responses[0].StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            Assert.Equal(HttpStatusCode.OK, responses[1].StatusCode);
        }

        var now = await client.GetFromJsonAsync<JsonElement>(PathOf(product));
        Assert.Equal(30 - rounds, now.GetProperty("variants")[0].GetProperty("remaining_supply").GetInt32());
        await using var db = Db(app);
        var variantId = product.GetProperty("variants")[0].GetProperty("id").GetInt32();
        Assert.Equal(Enumerable.Repeat("sale", rounds), db.StockAdjustments.Where(a => a.VariantId == variantId).OrderBy(a => a.Id).Select(a => a.Reason).ToList());
    }

    [Fact]
    public async Task Patch_stock_sets_and_adjusts_and_refuses_going_below_zero()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client);
        var stock = PathOf(product) + "/stock";

        var set = await JsonOf(await client.PatchAsJsonAsync(stock, new { remaining_supply = 10 }));
        Assert.Equal(10, set.GetProperty("remaining_supply").GetInt32());
        var adjusted = await JsonOf(await client.PatchAsJsonAsync(stock, new { delta = -4, reason = "Damaged" }));
        Assert.Equal(6, adjusted.GetProperty("remaining_supply").GetInt32());

        var below = await client.PatchAsJsonAsync(stock, new { delta = -7 });
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.True((await JsonOf(below)).GetProperty("errors").TryGetProperty("delta", out _));
        var negative = await client.PatchAsJsonAsync(stock, new { remaining_supply = -1 });
        Assert.True((await JsonOf(negative)).GetProperty("errors").TryGetProperty("remaining_supply", out _));
        var both = await client.PatchAsJsonAsync(stock, new { remaining_supply = 1, delta = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var wrongType = await client.PatchAsync(stock, Json("""{"delta": "lots"}"""));
        Assert.True((await JsonOf(wrongType)).GetProperty("errors").TryGetProperty("delta", out _));

        var now = await client.GetFromJsonAsync<JsonElement>(PathOf(product));
        Assert.Equal(6, now.GetProperty("variants")[0].GetProperty("remaining_supply").GetInt32());
        var events = await EventTypesAsync(app, product.GetProperty("id").GetInt32());
        Assert.Equal(2, events.Count(e => e == EventTypes.StockChanged));
    }

    [Fact]
    public async Task Stock_of_a_product_with_several_variants_needs_the_variant_id()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client, new
        {
            name = "Two sizes", variants = new[]
            {
                new { options = new Dictionary<string, string> { ["Size"] = "S" }, price_usd = 10, remaining_supply = 1 },
                new { options = new Dictionary<string, string> { ["Size"] = "M" }, price_usd = 10, remaining_supply = 2 },
            },
        });
        var missing = await client.PatchAsJsonAsync(PathOf(product) + "/stock", new { delta = 1 });
        Assert.True((await JsonOf(missing)).GetProperty("errors").TryGetProperty("variant_id", out _));
        var second = product.GetProperty("variants")[1].GetProperty("id").GetInt32();
        var ok = await JsonOf(await client.PatchAsJsonAsync(PathOf(product) + "/stock", new { variant_id = second, delta = 3 }));
        Assert.Equal(5, ok.GetProperty("remaining_supply").GetInt32());
    }

    [Fact]
    public async Task Delete_removes_the_product_and_writes_product_deleted()
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        using var client = Client(app, key);
        var product = await CreateAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(PathOf(product))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PathOf(product))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(PathOf(product))).StatusCode);
        Assert.Equal(EventTypes.ProductDeleted, (await EventTypesAsync(app, product.GetProperty("id").GetInt32())).Last());
    }

    [Fact]
    public async Task The_list_is_paged_and_holds_only_the_keys_shop()
    {
        var (shopB, keyB) = await KeyForAsync(app, ShopB);
        using var client = Client(app, keyB);
        await CreateAsync(client);
        await using var db = Db(app);
        var total = db.Products.Count(p => p.ShopId == shopB);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/products?page=1&page_size=2");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/products?page=2&page_size=2");
        Assert.Equal(total, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("page_size").GetInt32());
        Assert.Equal((total + 1) / 2, first.GetProperty("page_count").GetInt32());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        var shopIds = db.Products.Where(p => ids.Contains(p.Id)).Select(p => p.ShopId).Distinct().ToList();
        Assert.Equal([shopB], shopIds);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/products?page_size=100");
        Assert.Equal(Math.Min(total, 100), all.GetProperty("items").GetArrayLength());
        foreach (var bad in new[] { "page_size=101", "page_size=0", "page=0", "page=abc" })
        {
            var response = await client.GetAsync("/api/v1/products?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
