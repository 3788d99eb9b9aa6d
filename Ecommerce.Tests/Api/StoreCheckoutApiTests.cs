using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>
/// Checkout over real HTTP: the happy path to Paid (the Sandbox confirms through the outbox), a refused card, the
/// idempotency key under a burst, tampered prices, undeliverable and sold-out orders, validation, the rate limit.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StoreCheckoutApiTests(WebAppFixture app)
{
    [Fact]
    public async Task A_signed_in_shopper_checks_out_the_cart_and_the_order_reaches_paid()
    {
        var product = await NewProductAsync(app, stock: 10, price: 25m);
        var (client, email) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 2), HttpStatusCode.OK);

        var response = await CheckoutAsync(client, new { shipTo = UsAddress, payment = Card() });

        var placed = await JsonAsync(response, HttpStatusCode.Created);
        var number = placed.GetProperty("number").GetString()!;
        Assert.Equal($"/api/v1/orders/{number}", response.Headers.Location!.OriginalString);
        Assert.Equal("PendingPayment", placed.GetProperty("status").GetString());
        Assert.Equal(53.63m, placed.GetProperty("total").GetDecimal()); // 2 × 25 + 7.25 % California tax (demo rate); Bay Area express shipping is free
        Assert.Equal("USD", placed.GetProperty("currency").GetString());

        var order = await WaitForStatusAsync(client, number, "Paid");
        Assert.Equal(email, order.GetProperty("email").GetString()); // the account's email by default
        Assert.Equal(JsonValueKind.String, order.GetProperty("paidAt").ValueKind);
        var shopOrder = Assert.Single(order.GetProperty("shopOrders").EnumerateArray().ToList());
        Assert.Equal(MainShopName, shopOrder.GetProperty("shopName").GetString());
        Assert.Equal("Paid", shopOrder.GetProperty("status").GetString());
        var line = Assert.Single(shopOrder.GetProperty("lines").EnumerateArray().ToList());
        Assert.Equal((product.VariantId, 2, 25m), (line.GetProperty("variantId").GetInt32(), line.GetProperty("quantity").GetInt32(), line.GetProperty("unitPrice").GetDecimal()));
        Assert.Equal(["PendingPayment", "Paid"], order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("history")[0].GetProperty("from").ValueKind);
        Assert.Equal("PendingPayment", order.GetProperty("history")[1].GetProperty("from").GetString());
        Assert.Equal("payment", order.GetProperty("history")[1].GetProperty("actor").GetString());
        Assert.Equal("94105", order.GetProperty("shipTo").GetProperty("postalCode").GetString());

        Assert.Equal((8, 0), await StockAsync(app, product.VariantId)); // sold: on hand down, nothing left reserved
        var cart = await JsonAsync(await client.GetAsync("/api/v1/cart"), HttpStatusCode.OK);
        Assert.Empty(cart.GetProperty("shops").EnumerateArray()); // what was bought left the cart
        var list = await JsonAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK);
        Assert.Equal(number, Assert.Single(list.GetProperty("items").EnumerateArray().ToList()).GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_guest_checks_out_with_an_email_and_follows_the_order_with_their_cart_token()
    {
        var product = await NewProductAsync(app, stock: 10, price: 15m);
        var token = Guid.NewGuid();
        using var guest = Guest(app, token);

        var noEmail = await JsonAsync(await CheckoutAsync(guest, new { lines = new[] { new { variantId = product.VariantId, quantity = 1 } }, shipTo = UsAddress, payment = Card() }),
            HttpStatusCode.BadRequest);
        Assert.True(noEmail.GetProperty("errors").TryGetProperty("email", out _), noEmail.ToString());

        var placed = await JsonAsync(await CheckoutAsync(guest, new
        {
            email = "guest.buyer@test.local", lines = new[] { new { variantId = product.VariantId, quantity = 1 } }, shipTo = UsAddress, payment = Card(),
        }), HttpStatusCode.Created);
        var number = placed.GetProperty("number").GetString()!;

        var order = await WaitForStatusAsync(guest, number, "Paid");
        Assert.Equal("guest.buyer@test.local", order.GetProperty("email").GetString());
        Assert.Equal("guest", order.GetProperty("history")[0].GetProperty("actor").GetString());
        using var otherGuest = Guest(app);
        await JsonAsync(await otherGuest.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.NotFound);
        using var anonymous = app.CreateClient();
        await JsonAsync(await anonymous.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_declined_card_is_a_402_with_the_order_and_leaves_the_cart_and_stock_as_they_were()
    {
        var product = await NewProductAsync(app, stock: 5, price: 40m);
        var (client, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 2), HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();

        var response = await CheckoutAsync(client, new { shipTo = UsAddress, payment = Card(DeclinedCard) }, key);

        var problem = await JsonAsync(response, HttpStatusCode.PaymentRequired);
        Assert.Equal("Your card was declined.", problem.GetProperty("detail").GetString());
        var number = problem.GetProperty("number").GetString()!;
        Assert.True(problem.GetProperty("orderId").GetInt32() > 0);
        Assert.Equal("PaymentFailed", problem.GetProperty("orderStatus").GetString());
        Assert.Equal(402, problem.GetProperty("status").GetInt32());
        Assert.Equal("PaymentFailed", (await JsonAsync(await client.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.OK)).GetProperty("status").GetString());
        var cart = await JsonAsync(await client.GetAsync("/api/v1/cart"), HttpStatusCode.OK);
        Assert.Equal(2, cart.GetProperty("itemCount").GetInt32());
        Assert.Equal((5, 0), await StockAsync(app, product.VariantId)); // the reservation went back

        // The same key again is the same refused order, not a second attempt.
        var replay = await JsonAsync(await CheckoutAsync(client, new { shipTo = UsAddress, payment = Card() }, key), HttpStatusCode.PaymentRequired);
        Assert.Equal(number, replay.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Twenty_concurrent_submissions_of_one_key_make_one_order_and_one_payment()
    {
        Assert.True(CheckoutLimit >= 20, "the burst must fit in one shopper's checkout rate limit");
        var product = await NewProductAsync(app, stock: 10, price: 10m);
        var (client, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 1), HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();
        var body = new { shipTo = UsAddress, payment = Card(), lines = new[] { new { variantId = product.VariantId, quantity = 1 } } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CheckoutAsync(client, body, key)));

        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK), string.Join("\n", texts));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var orderIds = texts.Select(t => JsonDocument.Parse(t).RootElement.GetProperty("orderId").GetInt32()).Distinct().ToList();
        var orderId = Assert.Single(orderIds);

        var list = await JsonAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        await using var db = await Contexts(app).CreateDbContextAsync();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.IdempotencyKey == key));
        Assert.Equal(1, await db.Payments.CountAsync(p => p.OrderId == orderId));
        Assert.Equal(1, await db.StockReservations.CountAsync(r => r.OrderId == orderId));
        var stock = await StockAsync(app, product.VariantId);
        Assert.Equal(9, stock.OnHand - stock.Reserved); // one unit sold or held, never twenty
    }

    [Fact]
    public async Task Prices_sent_by_the_client_are_ignored()
    {
        var product = await NewProductAsync(app, stock: 10, price: 99.90m);
        var (client, _) = await NewBearerShopperAsync(app);
        var tampered = $$"""
            {
              "lines": [{"variantId": {{product.VariantId}}, "quantity": 2, "unitPrice": 0.01, "price": 0.01, "lineTotal": 0.02, "listPrice": 0.01}],
              "shipTo": {"name": "Ada", "line1": "1 Market St", "city": "San Francisco", "region": "CA", "postalCode": "10001", "country": "US", "shippingPrice": 0},
              "payment": {"cardNumber": "{{GoodCard}}", "expMonth": 12, "expYear": {{DateTime.UtcNow.Year + 1}}, "cvc": "123", "amount": 0.01},
              "subtotal": 0.01, "discount": 500, "shipping": 0, "tax": 0, "total": 0.01, "currency": "XXX"
            }
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = ProductApi.Json(tampered) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var placed = await JsonAsync(await client.SendAsync(request), HttpStatusCode.Created);

        Assert.Equal(214.29m, placed.GetProperty("total").GetDecimal()); // 2 × 99.90 + 7.25 % California tax; free shipping over 75
        Assert.Equal("USD", placed.GetProperty("currency").GetString());
        var order = await JsonAsync(await client.GetAsync($"/api/v1/orders/{placed.GetProperty("number").GetString()}"), HttpStatusCode.OK);
        var line = order.GetProperty("shopOrders")[0].GetProperty("lines")[0];
        Assert.Equal(99.90m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(199.80m, line.GetProperty("lineTotal").GetDecimal());
        Assert.Equal(0m, order.GetProperty("discount").GetDecimal());
        await using var db = await Contexts(app).CreateDbContextAsync();
        Assert.Equal(214.29m, await db.Payments.Where(p => p.OrderId == placed.GetProperty("orderId").GetInt32()).Select(p => p.Amount).SingleAsync());
    }

    [Fact]
    public async Task An_address_the_shop_does_not_deliver_to_is_a_409_naming_the_shop_and_places_nothing()
    {
        var product = await NewProductAsync(app, stock: 3);
        var (client, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await AddToCartAsync(client, product.VariantId, 1), HttpStatusCode.OK);

        var problem = await JsonAsync(await CheckoutAsync(client, new { shipTo = UkAddress, payment = Card() }), HttpStatusCode.Conflict);

        Assert.Contains($"{MainShopName} does not deliver to this address", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal((3, 0), await StockAsync(app, product.VariantId));
    }

    [Fact]
    public async Task Sold_out_and_too_many_are_409s_that_say_so()
    {
        var product = await NewProductAsync(app, stock: 2);
        var (first, _) = await NewBearerShopperAsync(app);
        var (second, _) = await NewBearerShopperAsync(app);
        var lines = (int quantity) => new[] { new { variantId = product.VariantId, quantity } };

        var tooMany = await JsonAsync(await CheckoutAsync(first, new { lines = lines(3), shipTo = UsAddress, payment = Card() }), HttpStatusCode.Conflict);
        Assert.Contains("only 2 left", tooMany.GetProperty("detail").GetString());

        await JsonAsync(await CheckoutAsync(first, new { lines = lines(2), shipTo = UsAddress, payment = Card() }), HttpStatusCode.Created);
        var soldOut = await JsonAsync(await CheckoutAsync(second, new { lines = lines(1), shipTo = UsAddress, payment = Card() }), HttpStatusCode.Conflict);

        Assert.StartsWith($"Sold out: {product.Name} (Default) has no units left.", soldOut.GetProperty("detail").GetString());
        Assert.Equal(0, (await JsonAsync(await second.GetAsync("/api/v1/orders"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        var stock = await StockAsync(app, product.VariantId);
        Assert.Equal(0, stock.OnHand - stock.Reserved);
    }

    [Fact]
    public async Task Invalid_checkouts_are_400s_naming_each_field_and_place_nothing()
    {
        var product = await NewProductAsync(app, stock: 3);
        var (client, _) = await NewBearerShopperAsync(app);

        using (var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(new { shipTo = UsAddress, payment = Card() }) })
        {
            var problem = await JsonAsync(await client.SendAsync(noKey), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        }

        var invalid = await JsonAsync(await CheckoutAsync(client, new
        {
            email = "not an email", lines = new[] { new { variantId = product.VariantId, quantity = 0 } }, shipTo = new { country = "US" },
        }), HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        foreach (var field in new[] { "email", "lines[0].quantity", "shipTo.name", "shipTo.line1", "shipTo.city", "shipTo.postalCode", "payment" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        var shortKey = await JsonAsync(await CheckoutAsync(client, new { lines = new[] { new { variantId = product.VariantId, quantity = 1 } }, shipTo = UsAddress, payment = Card() }, "abc"),
            HttpStatusCode.BadRequest);
        Assert.True(shortKey.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), shortKey.ToString());

        var emptyCart = await JsonAsync(await CheckoutAsync(client, new { shipTo = UsAddress, payment = Card() }), HttpStatusCode.BadRequest);
        Assert.True(emptyCart.GetProperty("errors").TryGetProperty("lines", out _), emptyCart.ToString());

        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal((3, 0), await StockAsync(app, product.VariantId));
    }

    [Fact]
    public async Task A_quote_prices_lines_for_an_address_and_lists_what_stops_the_order()
    {
        var product = await NewProductAsync(app, stock: 1, price: 20m);
        var (client, _) = await NewBearerShopperAsync(app);
        var lines = new[] { new { variantId = product.VariantId, quantity = 1, unitPrice = 0.01 } };

        var quote = await JsonAsync(await client.PostAsJsonAsync("/api/v1/checkout/quote", new { lines, shipTo = UsAddress }), HttpStatusCode.OK);
        Assert.True(quote.GetProperty("canPlaceOrder").GetBoolean(), quote.ToString());
        Assert.Equal(20m, quote.GetProperty("subtotal").GetDecimal());
        var shop = quote.GetProperty("shops")[0];
        Assert.Equal(2, shop.GetProperty("shippingOptions").GetArrayLength()); // "United States" and the Bay Area express
        Assert.Equal(0m, shop.GetProperty("shipping").GetProperty("price").GetDecimal());

        var chosen = shop.GetProperty("shippingOptions").EnumerateArray().Single(o => o.GetProperty("price").GetDecimal() > 0);
        var choices = new Dictionary<string, int> { [shop.GetProperty("shopId").GetInt32().ToString()] = chosen.GetProperty("zoneId").GetInt32() };
        var withChoice = await JsonAsync(await client.PostAsJsonAsync("/api/v1/checkout/quote", new { lines, shipTo = UsAddress, shippingChoices = choices }), HttpStatusCode.OK);
        Assert.Equal(1.45m, withChoice.GetProperty("tax").GetDecimal()); // 7.25 % California tax on the goods
        Assert.Equal(20m + chosen.GetProperty("price").GetDecimal() + 1.45m, withChoice.GetProperty("total").GetDecimal());

        var abroad = await JsonAsync(await client.PostAsJsonAsync("/api/v1/checkout/quote", new { lines, shipTo = UkAddress }), HttpStatusCode.OK);
        Assert.False(abroad.GetProperty("canPlaceOrder").GetBoolean());
        Assert.Contains(abroad.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(MainShopName));

        var coupon = await JsonAsync(await client.PostAsJsonAsync("/api/v1/checkout/quote", new { lines, shipTo = UsAddress, couponCode = "NOSUCHCODE" }), HttpStatusCode.OK);
        Assert.Contains(coupon.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("NOSUCHCODE"));
        Assert.Equal((1, 0), await StockAsync(app, product.VariantId)); // a quote holds nothing
    }

    [Fact]
    public async Task Checkouts_past_the_limit_get_429_with_Retry_After_and_other_shoppers_are_unaffected()
    {
        var (client, _) = await NewBearerShopperAsync(app);
        var (other, _) = await NewBearerShopperAsync(app);
        // Bodies that fail validation at once: the limit counts attempts, not orders.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < CheckoutLimit; i++) statuses.Add((await CheckoutAsync(client, new { })).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));

        var refused = await CheckoutAsync(client, new { });

        var problem = await JsonAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, refused.Headers.RetryAfter?.ToString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("try again in", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await CheckoutAsync(other, new { })).StatusCode);
    }

    private int CheckoutLimit => app.Services.GetRequiredService<IConfiguration>().GetValue("RateLimits:CheckoutPerMinute", 20);
}
