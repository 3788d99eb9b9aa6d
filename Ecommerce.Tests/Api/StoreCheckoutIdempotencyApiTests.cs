using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>
/// POST /api/v1/checkout's Idempotency-Key over real HTTP: the same key with the same request is the same order (200),
/// with another request a 422 problem that changes nothing; two keys in one request are a 400.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StoreCheckoutIdempotencyApiTests(WebAppFixture app)
{
    private static object Body(TestProduct product, int quantity, object? shipTo = null) =>
        new { lines = new[] { new { variantId = product.VariantId, quantity } }, shipTo = shipTo ?? UsAddress, payment = Card() };

    [Fact]
    public async Task The_same_key_with_another_request_is_a_422_and_changes_nothing()
    {
        var product = await NewProductAsync(app, stock: 10, price: 10m);
        var (client, _) = await NewBearerShopperAsync(app);
        var key = Guid.NewGuid().ToString();

        var placed = await JsonAsync(await CheckoutAsync(client, Body(product, 1), key), HttpStatusCode.Created);
        var number = placed.GetProperty("number").GetString()!;
        var again = await JsonAsync(await CheckoutAsync(client, Body(product, 1), key), HttpStatusCode.OK);
        Assert.Equal(number, again.GetProperty("number").GetString());

        foreach (var other in new[] { Body(product, 3), Body(product, 1, UkAddress) })
        {
            var response = await CheckoutAsync(client, other, key);
            var problem = await JsonAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(422, problem.GetProperty("status").GetInt32());
            Assert.Contains("different request", problem.GetProperty("detail").GetString());
            Assert.Contains(number, problem.GetProperty("detail").GetString());
        }

        var orders = await JsonAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK);
        Assert.Equal(1, orders.GetProperty("total").GetInt32());
        var stock = await StockAsync(app, product.VariantId);
        Assert.Equal(9, stock.OnHand - stock.Reserved);
    }

    [Fact]
    public async Task A_cart_checkout_sent_again_after_it_emptied_the_cart_is_the_same_order()
    {
        var product = await NewProductAsync(app, stock: 10, price: 10m);
        var (client, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 2), HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();
        var body = new { shipTo = UsAddress, payment = Card() };

        var placed = await JsonAsync(await CheckoutAsync(client, body, key), HttpStatusCode.Created);
        var again = await JsonAsync(await CheckoutAsync(client, body, key), HttpStatusCode.OK);
        Assert.Equal(placed.GetProperty("orderId").GetInt32(), again.GetProperty("orderId").GetInt32());
        // Naming lines instead of "the cart" is another request.
        await JsonAsync(await CheckoutAsync(client, Body(product, 2), key), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Two_idempotency_keys_in_one_request_are_a_400()
    {
        var product = await NewProductAsync(app, stock: 10, price: 10m);
        var (client, _) = await NewBearerShopperAsync(app);

        using var twoHeaders = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(Body(product, 1)) };
        twoHeaders.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        twoHeaders.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        using var folded = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(Body(product, 1)) };
        folded.Headers.TryAddWithoutValidation("Idempotency-Key", $"{Guid.NewGuid()}, {Guid.NewGuid()}");

        foreach (var request in new[] { twoHeaders, folded })
        {
            var problem = await JsonAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out var why), problem.ToString());
            Assert.Contains("once", why[0].GetString());
        }
        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }
}
