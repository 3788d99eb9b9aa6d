using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>A shopper's orders over real HTTP: the paged list, ownership (someone else's order is 404), and the OpenAPI description.</summary>
[Collection(WebCollection.Name)]
public sealed class StoreOrdersApiTests(WebAppFixture app)
{
    [Fact]
    public async Task Another_shoppers_order_is_not_found_with_a_bearer_token_or_a_cookie()
    {
        var product = await NewProductAsync(app, stock: 5);
        var (owner, _) = await NewBearerShopperAsync(app);
        var placed = await JsonAsync(await CheckoutAsync(owner, new { lines = new[] { new { variantId = product.VariantId, quantity = 1 } }, shipTo = UsAddress, payment = Card() }),
            HttpStatusCode.Created);
        var number = placed.GetProperty("number").GetString()!;
        var (bearer, _) = await NewBearerShopperAsync(app);
        var (cookie, _) = await NewCookieShopperAsync(app);

        await JsonAsync(await owner.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.OK);
        await JsonAsync(await owner.GetAsync($"/api/v1/orders/{number.ToLowerInvariant()}"), HttpStatusCode.OK);
        var notFound = await JsonAsync(await bearer.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.NotFound);
        Assert.Equal(404, notFound.GetProperty("status").GetInt32());
        await JsonAsync(await cookie.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.NotFound);
        await JsonAsync(await owner.GetAsync("/api/v1/orders/EC-NOSUCH00"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await JsonAsync(await bearer.GetAsync("/api/v1/orders"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await JsonAsync(await cookie.GetAsync("/api/v1/orders"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Listing_orders_needs_a_signed_in_shopper()
    {
        using var anonymous = app.CreateClient();
        var problem = await JsonAsync(await anonymous.GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized);
        Assert.Contains("Sign in", problem.GetProperty("detail").GetString());
        using var guest = Guest(app);
        await JsonAsync(await guest.GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_order_list_is_newest_first_a_page_at_a_time()
    {
        var product = await NewProductAsync(app, stock: 10, price: 8m);
        var (client, _) = await NewCookieShopperAsync(app);
        var numbers = new List<string>();
        for (var quantity = 1; quantity <= 3; quantity++)
        {
            var placed = await JsonAsync(await CheckoutAsync(client, new { lines = new[] { new { variantId = product.VariantId, quantity } }, shipTo = UsAddress, payment = Card() }),
                HttpStatusCode.Created);
            numbers.Add(placed.GetProperty("number").GetString()!);
        }

        var first = await JsonAsync(await client.GetAsync("/api/v1/orders?pageSize=2"), HttpStatusCode.OK);
        Assert.Equal((3, 2, 2), (first.GetProperty("total").GetInt32(), first.GetProperty("pageCount").GetInt32(), first.GetProperty("items").GetArrayLength()));
        Assert.Equal([numbers[2], numbers[1]], first.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()!).ToArray());
        var newest = first.GetProperty("items")[0];
        Assert.Equal(3, newest.GetProperty("itemCount").GetInt32());
        Assert.Equal([MainShopName], newest.GetProperty("shops").EnumerateArray().Select(s => s.GetString()!).ToArray());
        var second = await JsonAsync(await client.GetAsync("/api/v1/orders?page=2&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(numbers[0], Assert.Single(second.GetProperty("items").EnumerateArray().ToList()).GetProperty("number").GetString());
        var bad = await JsonAsync(await client.GetAsync("/api/v1/orders?page=0"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task OpenApi_describes_the_store_endpoints()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/api/v1/cart", "get"), ("/api/v1/cart/lines", "post"), ("/api/v1/cart/lines/{variantId}", "put"), ("/api/v1/cart/lines/{variantId}", "delete"),
            ("/api/v1/cart/lines/{variantId}/move-to-wishlist", "post"), ("/api/v1/wishlist", "get"), ("/api/v1/wishlist/{productId}", "put"),
            ("/api/v1/wishlist/{productId}", "delete"), ("/api/v1/wishlist/{productId}/move-to-cart", "post"), ("/api/v1/checkout/quote", "post"),
            ("/api/v1/checkout", "post"), ("/api/v1/orders", "get"), ("/api/v1/orders/{number}", "get"),
        })
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path} is not described");

        var place = paths.GetProperty("/api/v1/checkout").GetProperty("post");
        Assert.Contains(place.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        var responses = place.GetProperty("responses");
        foreach (var status in new[] { "200", "201", "400", "402", "409", "429" }) Assert.True(responses.TryGetProperty(status, out _), $"checkout lacks {status}");
        Assert.True(place.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var order = paths.GetProperty("/api/v1/orders/{number}").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(order.GetProperty("content").TryGetProperty("application/json", out _));
    }
}
