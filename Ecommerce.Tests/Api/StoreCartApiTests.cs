using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>The store API's cart and wishlist over real HTTP: bearer, cookie and guest token; bad input is a 400 that changes nothing.</summary>
[Collection(WebCollection.Name)]
public sealed class StoreCartApiTests(WebAppFixture app)
{
    [Fact]
    public async Task A_bearer_shopper_adds_changes_moves_and_removes_cart_lines()
    {
        var product = await NewProductAsync(app, stock: 10, price: 12.50m);
        var (client, _) = await NewBearerShopperAsync(app);

        Assert.Equal(2, (await JsonAsync(await AddToCartAsync(client, product.VariantId, 2), HttpStatusCode.OK)).GetProperty("quantity").GetInt32());
        Assert.Equal(3, (await JsonAsync(await AddToCartAsync(client, product.VariantId, 1), HttpStatusCode.OK)).GetProperty("quantity").GetInt32());

        var cart = await JsonAsync(await client.GetAsync("/api/v1/cart"), HttpStatusCode.OK);
        var shop = Assert.Single(cart.GetProperty("shops").EnumerateArray().ToList());
        Assert.Equal(MainShopName, shop.GetProperty("shopName").GetString());
        var line = Assert.Single(shop.GetProperty("lines").EnumerateArray().ToList());
        Assert.Equal(3, line.GetProperty("quantity").GetInt32());
        Assert.Equal(12.50m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(37.50m, line.GetProperty("lineTotal").GetDecimal());
        Assert.Equal(10, line.GetProperty("available").GetInt32());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("problem").ValueKind);
        Assert.Equal(37.50m, cart.GetProperty("subtotal").GetDecimal());
        Assert.Equal(3, cart.GetProperty("itemCount").GetInt32());

        var put = await client.PutAsJsonAsync($"/api/v1/cart/lines/{product.VariantId}", new { quantity = 5 });
        Assert.Equal(5, (await JsonAsync(put, HttpStatusCode.OK)).GetProperty("quantity").GetInt32());
        Assert.Equal(5, (await CartLinesAsync(client)).Single().GetProperty("quantity").GetInt32());

        await JsonAsync(await client.PostAsync($"/api/v1/cart/lines/{product.VariantId}/move-to-wishlist", null), HttpStatusCode.NoContent);
        Assert.Empty(await CartLinesAsync(client));
        var wishlist = await JsonAsync(await client.GetAsync("/api/v1/wishlist"), HttpStatusCode.OK);
        var saved = Assert.Single(wishlist.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(product.ProductId, saved.GetProperty("productId").GetInt32());
        Assert.Equal(product.VariantId, saved.GetProperty("variantId").GetInt32());

        await JsonAsync(await client.PostAsync($"/api/v1/wishlist/{product.ProductId}/move-to-cart", null), HttpStatusCode.NoContent);
        Assert.Equal(1, (await CartLinesAsync(client)).Single().GetProperty("quantity").GetInt32());
        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/api/v1/wishlist"), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        await JsonAsync(await client.DeleteAsync($"/api/v1/cart/lines/{product.VariantId}"), HttpStatusCode.NoContent);
        Assert.Empty(await CartLinesAsync(client));
    }

    [Theory]
    [InlineData("""{"variantId": VARIANT, "quantity": 0}""")]
    [InlineData("""{"variantId": VARIANT, "quantity": -3}""")]
    [InlineData("""{"variantId": VARIANT, "quantity": 100}""")]
    [InlineData("""{"variantId": VARIANT, "quantity": 2147483647}""")]
    [InlineData("""{"variantId": VARIANT, "quantity": 100000000000000000000}""")]
    [InlineData("""{"variantId": VARIANT, "quantity": "5"}""")]
    [InlineData("""{"variantId": VARIANT, "quantity": 1.5}""")]
    public async Task Bad_quantities_are_400s_naming_quantity_and_change_nothing(string json)
    {
        var product = await NewProductAsync(app, stock: 10);
        var (client, _) = await NewBearerShopperAsync(app);

        var response = await client.PostAsync("/api/v1/cart/lines", ProductApi.Json(json.Replace("VARIANT", product.VariantId.ToString())));

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _), problem.ToString());
        Assert.Empty(await CartLinesAsync(client));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public async Task Setting_a_line_to_a_bad_quantity_is_a_400_and_keeps_the_line(int quantity)
    {
        var product = await NewProductAsync(app, stock: 10);
        var (client, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 2), HttpStatusCode.OK);

        var problem = await JsonAsync(await client.PutAsJsonAsync($"/api/v1/cart/lines/{product.VariantId}", new { quantity }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _), problem.ToString());
        Assert.Equal(2, (await CartLinesAsync(client)).Single().GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Unknown_variants_and_lines_are_404_and_a_missing_body_is_400()
    {
        var (client, _) = await NewBearerShopperAsync(app);

        await JsonAsync(await AddToCartAsync(client, int.MaxValue, 1), HttpStatusCode.NotFound);
        await JsonAsync(await client.PutAsJsonAsync($"/api/v1/cart/lines/{int.MaxValue}", new { quantity = 1 }), HttpStatusCode.NotFound);
        await JsonAsync(await client.PutAsync($"/api/v1/wishlist/{int.MaxValue}", null), HttpStatusCode.NotFound);
        var empty = await JsonAsync(await client.PostAsync("/api/v1/cart/lines", ProductApi.Json("")), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("body", out _));
        Assert.Empty(await CartLinesAsync(client));
    }

    [Fact]
    public async Task A_guest_cart_lives_under_its_X_Cart_Token()
    {
        var product = await NewProductAsync(app, stock: 10);
        var token = Guid.NewGuid();
        using var guest = Guest(app, token);
        using var sameGuestLater = Guest(app, token);
        using var otherGuest = Guest(app);
        using var anonymous = app.CreateClient();

        await JsonAsync(await AddToCartAsync(guest, product.VariantId, 4), HttpStatusCode.OK);

        Assert.Equal(4, (await CartLinesAsync(sameGuestLater)).Single().GetProperty("quantity").GetInt32());
        Assert.Empty(await CartLinesAsync(otherGuest));
        var noToken = await JsonAsync(await AddToCartAsync(anonymous, product.VariantId, 1), HttpStatusCode.BadRequest);
        Assert.True(noToken.GetProperty("errors").TryGetProperty("X-Cart-Token", out _));
        using var badToken = app.CreateClient();
        badToken.DefaultRequestHeaders.Add("X-Cart-Token", "not-a-uuid");
        await JsonAsync(await badToken.GetAsync("/api/v1/cart"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_cookie_shopper_cannot_be_made_to_add_or_buy_by_a_plain_form_post()
    {
        // What a cross-site form can send (text/plain or form-encoded) is refused: only JSON is read, and a browser
        // sends JSON to another site only after a CORS preflight this API never grants.
        var product = await NewProductAsync(app, stock: 10);
        var (cookie, _) = await NewCookieShopperAsync(app);
        var json = $$"""{"variantId": {{product.VariantId}}, "quantity": 1}""";

        var plain = await cookie.PostAsync("/api/v1/cart/lines", new StringContent(json, System.Text.Encoding.UTF8, "text/plain"));
        var form = await cookie.PostAsync("/api/v1/cart/lines", new FormUrlEncodedContent(new Dictionary<string, string> { [json] = "" }));
        var checkout = await cookie.PostAsync("/api/v1/checkout", new StringContent(json, System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, checkout.StatusCode);
        Assert.Empty(await CartLinesAsync(cookie));
    }

    [Fact]
    public async Task A_cookie_shopper_has_a_cart_of_their_own()
    {
        var product = await NewProductAsync(app, stock: 10);
        var (cookie, _) = await NewCookieShopperAsync(app);
        var (bearer, _) = await NewBearerShopperAsync(app);

        await JsonAsync(await AddToCartAsync(cookie, product.VariantId, 2), HttpStatusCode.OK);

        Assert.Equal(2, (await CartLinesAsync(cookie)).Single().GetProperty("quantity").GetInt32());
        Assert.Empty(await CartLinesAsync(bearer));
    }

    [Fact]
    public async Task The_cart_estimates_shipping_for_a_location_and_refuses_a_malformed_one()
    {
        var product = await NewProductAsync(app, stock: 10, price: 30m);
        var (client, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 1), HttpStatusCode.OK);

        var cart = await JsonAsync(await client.GetAsync("/api/v1/cart?country=US&postalCode=10001&region=NY"), HttpStatusCode.OK);
        var shop = cart.GetProperty("shops")[0];
        Assert.True(shop.GetProperty("deliverable").GetBoolean());
        Assert.Equal(5.99m, shop.GetProperty("shipping").GetProperty("price").GetDecimal()); // "United States", flat, free over 75
        Assert.Equal(1.20m, cart.GetProperty("tax").GetDecimal()); // New York's 4 % state rate (demo) on the goods
        Assert.Equal(37.19m, cart.GetProperty("total").GetDecimal());

        var abroad = await JsonAsync(await client.GetAsync("/api/v1/cart?country=GB&postalCode=SW1A%202AA"), HttpStatusCode.OK);
        Assert.False(abroad.GetProperty("shops")[0].GetProperty("deliverable").GetBoolean());

        await JsonAsync(await client.GetAsync("/api/v1/cart?country=USA"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_wishlist_is_paged_and_saving_twice_keeps_one()
    {
        var (client, _) = await NewBearerShopperAsync(app);
        var products = new List<TestProduct>();
        for (var i = 0; i < 3; i++) products.Add(await NewProductAsync(app, stock: 5));

        foreach (var p in products) await JsonAsync(await client.PutAsync($"/api/v1/wishlist/{p.ProductId}", null), HttpStatusCode.NoContent);
        await JsonAsync(await client.PutAsync($"/api/v1/wishlist/{products[0].ProductId}", null), HttpStatusCode.NoContent);

        var first = await JsonAsync(await client.GetAsync("/api/v1/wishlist?pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("pageCount").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var second = await JsonAsync(await client.GetAsync("/api/v1/wishlist?page=2&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(products[0].ProductId, second.GetProperty("items")[0].GetProperty("productId").GetInt32()); // newest first

        await JsonAsync(await client.DeleteAsync($"/api/v1/wishlist/{products[1].ProductId}"), HttpStatusCode.NoContent);
        Assert.Equal(2, (await JsonAsync(await client.GetAsync("/api/v1/wishlist"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        var bad = await JsonAsync(await client.GetAsync("/api/v1/wishlist?pageSize=1000"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    private static async Task<List<JsonElement>> CartLinesAsync(HttpClient client)
    {
        var cart = await JsonAsync(await client.GetAsync("/api/v1/cart"), HttpStatusCode.OK);
        return cart.GetProperty("shops").EnumerateArray().SelectMany(s => s.GetProperty("lines").EnumerateArray()).ToList();
    }
}
