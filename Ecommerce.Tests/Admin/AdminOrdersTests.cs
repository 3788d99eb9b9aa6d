using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// The admin's orders over real HTTP: an order placed and paid through the store API is found by number, email and
/// shop, read with its history, refunded in part (audited, shown in the history); refunding more than is left is a 409.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminOrdersTests(WebAppFixture app)
{
    private Task<HttpClient> AdminAsync() => AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);

    private async Task<(string Number, string Email)> PaidOrderAsync(decimal price)
    {
        var product = await NewProductAsync(app, stock: 5, price: price);
        var (shopper, email) = await NewBearerShopperAsync(app);
        using (shopper)
        {
            var placed = await JsonAsync(await CheckoutAsync(shopper, new { lines = new[] { new { variantId = product.VariantId, quantity = 2 } }, shipTo = UsAddress, payment = Card() }),
                HttpStatusCode.Created);
            var number = placed.GetProperty("number").GetString()!;
            await WaitForStatusAsync(shopper, number, "Paid");
            return (number, email);
        }
    }

    [Fact]
    public async Task An_admin_finds_an_order_reads_its_history_and_refunds_part_of_it()
    {
        var (number, email) = await PaidOrderAsync(price: 15m);
        using var admin = await AdminAsync();

        foreach (var search in new[] { number, number.ToLowerInvariant(), email, email.ToUpperInvariant() })
        {
            var page = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders?search={Uri.EscapeDataString(search)}"), HttpStatusCode.OK);
            var row = Assert.Single(page.GetProperty("items").EnumerateArray().ToList());
            Assert.Equal((number, email, "Paid"), (row.GetProperty("number").GetString(), row.GetProperty("email").GetString(), row.GetProperty("status").GetString()));
            Assert.Equal([MainShopName], row.GetProperty("shops").EnumerateArray().Select(s => s.GetString()!).ToArray());
        }
        var byShop = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders?search={Uri.EscapeDataString(MainShopName)}&pageSize=100"), HttpStatusCode.OK);
        Assert.Contains(number, byShop.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()));
        Assert.True(byShop.GetProperty("total").GetInt32() >= 1);
        var bad = await JsonAsync(await admin.GetAsync("/api/v1/admin/orders?pageSize=0"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("pageSize", out _));

        var detail = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{number}"), HttpStatusCode.OK);
        var shopOrder = Assert.Single(detail.GetProperty("shopOrders").EnumerateArray().ToList());
        var shopOrderId = shopOrder.GetProperty("id").GetInt32();
        var total = shopOrder.GetProperty("total").GetDecimal();
        Assert.Equal(2, shopOrder.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("Succeeded", Assert.Single(detail.GetProperty("payments").EnumerateArray().ToList()).GetProperty("status").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("to").GetString() == "PendingPayment");
        Assert.Contains(history, h => h.GetProperty("to").GetString() == "Paid");

        var refunded = await JsonAsync(await admin.PostAsync($"/api/v1/admin/orders/{number}/refunds",
            AdminTestKit.Json(new { shopOrderId, amount = 5m, reason = "Goodwill for a late parcel" })), HttpStatusCode.Created);
        Assert.Equal(("Succeeded", 5m, WebAppFixture.AdminEmail), (refunded.GetProperty("status").GetString(), refunded.GetProperty("amount").GetDecimal(), refunded.GetProperty("by").GetString()));

        var after = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{number}"), HttpStatusCode.OK);
        Assert.Equal(5m, after.GetProperty("shopOrders")[0].GetProperty("refunded").GetDecimal());
        Assert.Equal("Paid", after.GetProperty("shopOrders")[0].GetProperty("status").GetString());
        var step = after.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(WebAppFixture.AdminEmail, step.GetProperty("actor").GetString());
        Assert.Contains("Goodwill for a late parcel", step.GetProperty("reason").GetString());
        Assert.Single(after.GetProperty("refunds").EnumerateArray().ToList());

        var audit = await JsonAsync(await admin.GetAsync($"/api/v1/admin/audit?action=order.refunded&subjectId={number}"), HttpStatusCode.OK);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(WebAppFixture.AdminEmail, entry.GetProperty("actor").GetString());
        Assert.Equal("Goodwill for a late parcel", entry.GetProperty("reason").GetString());

        // More than is left is refused and changes nothing.
        var tooMuch = await JsonAsync(await admin.PostAsync($"/api/v1/admin/orders/{number}/refunds",
            AdminTestKit.Json(new { shopOrderId, amount = total - 5m + 0.01m, reason = "Too much" })), HttpStatusCode.Conflict);
        Assert.Contains($"{total - 5m:0.00}", tooMuch.GetProperty("detail").GetString());
        var unchanged = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{number}"), HttpStatusCode.OK);
        Assert.Equal(5m, unchanged.GetProperty("shopOrders")[0].GetProperty("refunded").GetDecimal());
        Assert.Single(unchanged.GetProperty("refunds").EnumerateArray().ToList());

        // The rest refunds the shop order whole.
        await JsonAsync(await admin.PostAsync($"/api/v1/admin/orders/{number}/refunds",
            AdminTestKit.Json(new { shopOrderId, amount = total - 5m, reason = "Refund the rest" })), HttpStatusCode.Created);
        var whole = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{number}"), HttpStatusCode.OK);
        Assert.Equal(("Refunded", "Refunded"), (whole.GetProperty("status").GetString(), whole.GetProperty("shopOrders")[0].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Bad_refunds_are_problems_and_unknown_orders_are_not_found()
    {
        var (number, _) = await PaidOrderAsync(price: 9m);
        var (other, _) = await PaidOrderAsync(price: 9m);
        using var admin = await AdminAsync();
        var shopOrderId = (await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{number}"), HttpStatusCode.OK)).GetProperty("shopOrders")[0].GetProperty("id").GetInt32();
        var otherShopOrderId = (await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{other}"), HttpStatusCode.OK)).GetProperty("shopOrders")[0].GetProperty("id").GetInt32();

        async Task<JsonElement> BadAsync(object body, string field)
        {
            var problem = await JsonAsync(await admin.PostAsync($"/api/v1/admin/orders/{number}/refunds", AdminTestKit.Json(body)), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
            return problem;
        }
        await BadAsync(new { shopOrderId, amount = 1m, reason = "  " }, "reason");
        await BadAsync(new { shopOrderId, amount = 0m, reason = "x" }, "amount");
        await BadAsync(new { shopOrderId, amount = 1.001m, reason = "x" }, "amount");
        await BadAsync(new { amount = 1m, reason = "x" }, "shopOrderId");
        await BadAsync(new { shopOrderId = otherShopOrderId, amount = 1m, reason = "another order's shop order" }, "shopOrderId");
        var wrongType = await admin.PostAsync($"/api/v1/admin/orders/{number}/refunds", AdminTestKit.JsonContent("{\"amount\":\"lots\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        await JsonAsync(await admin.GetAsync("/api/v1/admin/orders/EC-NOSUCH00"), HttpStatusCode.NotFound);
        await JsonAsync(await admin.PostAsync("/api/v1/admin/orders/EC-NOSUCH00/refunds", AdminTestKit.Json(new { shopOrderId, amount = 1m, reason = "x" })), HttpStatusCode.NotFound);
        var untouched = await JsonAsync(await admin.GetAsync($"/api/v1/admin/orders/{number}"), HttpStatusCode.OK);
        Assert.Equal(0m, untouched.GetProperty("shopOrders")[0].GetProperty("refunded").GetDecimal());
        Assert.Empty(untouched.GetProperty("refunds").EnumerateArray());
    }
}
