using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>
/// A shopper's return over real HTTP: delivered units can be asked back (once), undelivered ones are refused cleanly,
/// another shopper's order is 404 and a guest must sign in.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class StoreOrderReturnsApiTests(WebAppFixture app)
{
    private async Task<(HttpClient Shopper, string Number, int ShopOrderId, int LineId)> PaidOrderAsync(bool cookie = false)
    {
        var product = await NewProductAsync(app, stock: 5, price: 12m);
        var (shopper, _) = cookie ? await NewCookieShopperAsync(app) : await NewBearerShopperAsync(app);
        var placed = await JsonAsync(await CheckoutAsync(shopper, new { lines = new[] { new { variantId = product.VariantId, quantity = 2 } }, shipTo = UsAddress, payment = Card() }),
            HttpStatusCode.Created);
        var number = placed.GetProperty("number").GetString()!;
        var order = await WaitForStatusAsync(shopper, number, "Paid");
        var shopOrder = order.GetProperty("shopOrders")[0];
        return (shopper, number, shopOrder.GetProperty("shopOrderId").GetInt32(), shopOrder.GetProperty("lines")[0].GetProperty("id").GetInt32());
    }

    private async Task DeliverAsync(int shopOrderId)
    {
        var orders = app.Services.GetRequiredService<MerchantOrders>();
        var shopId = await ProductApi.MainShopIdAsync(app);
        await orders.MarkShippedAsync(shopId, shopOrderId, "UPS", "1Z999AA10123456784", "merchant@test.local");
        await orders.MarkDeliveredAsync(shopId, shopOrderId, "merchant@test.local");
    }

    [Fact]
    public async Task A_shopper_returns_delivered_units_once_and_sees_the_request()
    {
        var (shopper, number, shopOrderId, lineId) = await PaidOrderAsync();
        using var owner = shopper;

        var early = await JsonAsync(await shopper.PostAsJsonAsync($"/api/v1/orders/{number}/returns", new { lines = new[] { new { orderLineId = lineId, quantity = 1 } }, reason = "Too small" }),
            HttpStatusCode.Conflict);
        Assert.Contains("delivered", early.GetProperty("detail").GetString());

        await DeliverAsync(shopOrderId);
        var noReason = await JsonAsync(await shopper.PostAsJsonAsync($"/api/v1/orders/{number}/returns", new { lines = new[] { new { orderLineId = lineId, quantity = 1 } }, reason = " " }),
            HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var noLines = await JsonAsync(await shopper.PostAsJsonAsync($"/api/v1/orders/{number}/returns", new { lines = Array.Empty<object>(), reason = "Too small" }),
            HttpStatusCode.BadRequest);
        Assert.True(noLines.GetProperty("errors").TryGetProperty("lines", out _));
        var notMine = await JsonAsync(await shopper.PostAsJsonAsync($"/api/v1/orders/{number}/returns", new { lines = new[] { new { orderLineId = int.MaxValue, quantity = 1 } }, reason = "Too small" }),
            HttpStatusCode.BadRequest);
        Assert.True(notMine.GetProperty("errors").TryGetProperty("lines", out _));

        var created = await JsonAsync(await shopper.PostAsJsonAsync($"/api/v1/orders/{number}/returns", new { lines = new[] { new { orderLineId = lineId, quantity = 1 } }, reason = "Too small" }),
            HttpStatusCode.Created);
        Assert.Equal(("Requested", shopOrderId, "Too small"), (created.GetProperty("status").GetString(), created.GetProperty("shopOrderId").GetInt32(), created.GetProperty("reason").GetString()));

        var tooMany = await JsonAsync(await shopper.PostAsJsonAsync($"/api/v1/orders/{number}/returns", new { lines = new[] { new { orderLineId = lineId, quantity = 2 } }, reason = "Both" }),
            HttpStatusCode.Conflict);
        Assert.Contains("At most 1", tooMany.GetProperty("detail").GetString());

        var order = await JsonAsync(await shopper.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.OK);
        var line = order.GetProperty("shopOrders")[0].GetProperty("lines")[0];
        Assert.Equal((2, 1), (line.GetProperty("quantityShipped").GetInt32(), line.GetProperty("quantityReturned").GetInt32()));
        Assert.Contains(order.GetProperty("history").EnumerateArray(), h => h.GetProperty("reason").GetString()?.Contains("Return requested") == true);
    }

    [Fact]
    public async Task Another_shoppers_order_is_not_found_and_a_guest_must_sign_in()
    {
        var (shopper, number, shopOrderId, lineId) = await PaidOrderAsync();
        using var owner = shopper;
        await DeliverAsync(shopOrderId);
        var body = new { lines = new[] { new { orderLineId = lineId, quantity = 1 } }, reason = "Not mine" };

        var (stranger, _) = await NewCookieShopperAsync(app);
        using (stranger)
            await JsonAsync(await stranger.PostAsync($"/api/v1/orders/{number}/returns", JsonContent.Create(body)), HttpStatusCode.NotFound);
        using var guest = Guest(app);
        await JsonAsync(await guest.PostAsJsonAsync($"/api/v1/orders/{number}/returns", body), HttpStatusCode.Unauthorized);
        await JsonAsync(await shopper.PostAsJsonAsync("/api/v1/orders/EC-NOSUCH00/returns", body), HttpStatusCode.NotFound);

        var order = await JsonAsync(await shopper.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.OK);
        Assert.Equal(0, order.GetProperty("shopOrders")[0].GetProperty("lines")[0].GetProperty("quantityReturned").GetInt32());
    }

    [Fact]
    public async Task The_order_page_form_requests_a_return_and_shows_it_safely()
    {
        var (shopper, number, shopOrderId, lineId) = await PaidOrderAsync(cookie: true);
        using var owner = shopper;
        Assert.DoesNotContain("Request a return", await shopper.GetStringAsync($"/orders/{number}"));
        await DeliverAsync(shopOrderId);

        var page = await shopper.GetStringAsync($"/orders/{number}");
        Assert.Contains("Request a return", page);
        Assert.Contains($"<option value=\"{lineId}\"", page);
        var token = TokenPattern().Match(page).Groups[1].Value;
        var expired = await shopper.PostAsync($"/orders/{number}/returns", Form(("line", $"{lineId}"), ("quantity", "1"), ("reason", "x")));
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);

        var posted = await shopper.PostAsync($"/orders/{number}/returns",
            Form(("__RequestVerificationToken", token), ("line", $"{lineId}"), ("quantity", "1"), ("reason", "<b>Scratched</b>")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await shopper.GetStringAsync($"/orders/{number}");
        Assert.Contains("Your return was requested", after);
        Assert.Contains("waiting for the shop", after);
        Assert.Contains("&lt;b&gt;Scratched&lt;/b&gt;", after);
        Assert.DoesNotContain("<b>Scratched</b>", after);

        var tooMany = await shopper.PostAsync($"/orders/{number}/returns",
            Form(("__RequestVerificationToken", token), ("line", $"{lineId}"), ("quantity", "5"), ("reason", "All of them")));
        Assert.Equal(HttpStatusCode.Redirect, tooMany.StatusCode);
        Assert.Contains("At most 1", await shopper.GetStringAsync($"/orders/{number}"));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")] private static partial Regex TokenPattern();
}
