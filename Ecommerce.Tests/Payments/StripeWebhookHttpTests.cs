using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Data;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Payments;

/// <summary>The real web host (demo catalogue, background outbox dispatcher) with Payments:Provider=Stripe and a fake Stripe.</summary>
public sealed class StripeWebAppFixture : WebAppFixture, IDisposable
{
    public FakeStripe Stripe { get; } = new();

    protected override void Configure(IWebHostBuilder web)
    {
        foreach (var (key, value) in Stripe.Settings) web.UseSetting(key, value);
    }

    public void Dispose() => Stripe.Dispose();
}

/// <summary>
/// POST /api/v1/webhooks/stripe over real HTTP: a signed event pays the order through the outbox; a forged, stale or
/// unsigned one is a 400 problem and changes nothing; a second delivery and an early one are each applied once.
/// </summary>
public sealed class StripeWebhookHttpTests(StripeWebAppFixture app) : IClassFixture<StripeWebAppFixture>
{
    private const string Endpoint = "/api/v1/webhooks/stripe";

    private static readonly PostalAddress Address = new()
    {
        Name = "Ada Buyer", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94105", Country = "US",
    };

    private IDbContextFactory<AppDbContext> Contexts => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>An order for one unit of a demo product, placed through the host's own checkout (Stripe answers "processing").</summary>
    private async Task<(int OrderId, string Number, string IntentId)> PlaceAsync(Func<System.Text.Json.Nodes.JsonObject, Task>? beforeAnswering = null)
    {
        int variantId;
        await using (var db = await Contexts.CreateDbContextAsync())
            variantId = await db.ProductVariants
                .Where(v => v.Product!.Shop!.Slug == "voltage-electronics" && v.Product.Status == Ecommerce.Core.Catalog.ProductStatus.Active
                    && v.Stock != null && v.Stock.OnHand - v.Stock.Reserved >= 5 && v.Price >= 1)
                .OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
        app.Stripe.SuccessStatus = "processing";
        app.Stripe.BeforeAnswering = beforeAnswering;
        try
        {
            var placed = await app.Services.GetRequiredService<CheckoutService>().PlaceOrderAsync(new Buyer(null, "webhook@example.com", null),
                new PlaceOrderRequest([new LineRequest(variantId, 1)], Address, new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard), Guid.NewGuid().ToString()));
            Assert.True(placed.Accepted, placed.PaymentProblem);
            var intentId = app.Stripe.PaymentIntents.Values.Single(p => p["metadata"]!["order_number"]!.GetValue<string>() == placed.Number)["id"]!.GetValue<string>();
            return (placed.OrderId, placed.Number, intentId);
        }
        finally
        {
            app.Stripe.SuccessStatus = "succeeded";
            app.Stripe.BeforeAnswering = null;
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await client.SendAsync(request);
    }

    private async Task<(OrderStatus Status, int PaidRows, string? ProviderPaymentId)> OrderAsync(int orderId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var status = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
        var paidRows = await db.OrderHistory.CountAsync(h => h.OrderId == orderId && h.To == OrderStatus.Paid);
        var providerId = await db.Payments.Where(p => p.OrderId == orderId).Select(p => p.ProviderPaymentId).SingleAsync();
        return (status, paidRows, providerId);
    }

    /// <summary>The host's dispatcher works in the background: wait (a while at most) for the order to get there.</summary>
    private async Task<(OrderStatus Status, int PaidRows, string? ProviderPaymentId)> WaitForAsync(int orderId, OrderStatus wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var state = await OrderAsync(orderId);
            if (state.Status == wanted || DateTime.UtcNow > deadline) return state;
            await Task.Delay(100);
        }
    }

    private static async Task<string?> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string why)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(why, problem.GetProperty("errors").GetProperty("Stripe-Signature")[0].GetString());
    }

    [Fact]
    public async Task A_signed_event_pays_the_order_through_the_outbox()
    {
        var order = await PlaceAsync();
        Assert.Equal(OrderStatus.PendingPayment, (await OrderAsync(order.OrderId)).Status);

        var body = app.Stripe.Settle(order.IntentId, succeeded: true);
        Assert.Equal("accepted", await OutcomeAsync(await PostAsync(body, FakeStripe.Sign(body))));

        var paid = await WaitForAsync(order.OrderId, OrderStatus.Paid);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(order.IntentId, paid.ProviderPaymentId);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_and_changes_nothing()
    {
        var order = await PlaceAsync();
        var body = app.Stripe.Settle(order.IntentId, succeeded: true);

        await AssertRefusedAsync(await PostAsync(body, FakeStripe.Sign(body, secret: "whsec_attacker")), "expected signature was not found");
        // A genuine signature of another body does not cover this one.
        await AssertRefusedAsync(await PostAsync(body.Replace("\"livemode\":false", "\"livemode\":true"), FakeStripe.Sign(body)), "expected signature was not found");
        await AssertRefusedAsync(await PostAsync(body, null), "missing");

        // An accepted notice is written with its outbox event before the answer: with neither, nothing can pay the order.
        Assert.Equal((0, 0), await WrittenAsync(EventId(body)));
        var state = await OrderAsync(order.OrderId);
        Assert.Equal((OrderStatus.PendingPayment, 0), (state.Status, state.PaidRows));
    }

    [Fact]
    public async Task A_stale_signature_is_refused()
    {
        var order = await PlaceAsync();
        var body = app.Stripe.Settle(order.IntentId, succeeded: true);

        await AssertRefusedAsync(await PostAsync(body, FakeStripe.Sign(body, DateTimeOffset.UtcNow.AddMinutes(-6))), "outside of the allowed tolerance");
        await AssertRefusedAsync(await PostAsync(body, FakeStripe.Sign(body, DateTimeOffset.UtcNow.AddMinutes(6))), "outside of the allowed tolerance");

        Assert.Equal((0, 0), await WrittenAsync(EventId(body)));
        Assert.Equal(OrderStatus.PendingPayment, (await OrderAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_makes_one_transition()
    {
        var order = await PlaceAsync();
        var body = app.Stripe.Settle(order.IntentId, succeeded: true);

        Assert.Equal("accepted", await OutcomeAsync(await PostAsync(body, FakeStripe.Sign(body))));
        Assert.Equal(OrderStatus.Paid, (await WaitForAsync(order.OrderId, OrderStatus.Paid)).Status);
        Assert.Equal("duplicate", await OutcomeAsync(await PostAsync(body, FakeStripe.Sign(body))));

        // The second delivery wrote no notice and no outbox event, so there is nothing left to apply it again.
        Assert.Equal((1, 1), await WrittenAsync(EventId(body)));
        var state = await OrderAsync(order.OrderId);
        Assert.Equal(OrderStatus.Paid, state.Status);
        Assert.Equal(1, state.PaidRows);
    }

    private static string EventId(string body) => JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

    /// <summary>The notices recorded for a Stripe event, and the outbox events that carry it to the order.</summary>
    private async Task<(int Notices, int OutboxEvents)> WrittenAsync(string eventId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return (await db.PaymentNotifications.CountAsync(n => n.Provider == "stripe" && n.EventId == eventId),
                await db.OutboxMessages.CountAsync(m => m.Payload.Contains(eventId)));
    }

    [Fact]
    public async Task A_webhook_that_arrives_before_the_checkouts_answer_still_pays_the_order()
    {
        string? early = null;
        var order = await PlaceAsync(async intent =>
        {
            // Stripe's webhook reaches the platform while the checkout still waits for Stripe's answer.
            early = intent["id"]!.GetValue<string>();
            var body = app.Stripe.Settle(early, succeeded: true);
            Assert.Equal("accepted", await OutcomeAsync(await PostAsync(body, FakeStripe.Sign(body))));
        });

        var paid = await WaitForAsync(order.OrderId, OrderStatus.Paid);
        Assert.Equal(order.IntentId, early);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(1, paid.PaidRows);
        Assert.Equal(early, paid.ProviderPaymentId);
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("currency")]
    [InlineData("intent")]
    public async Task A_signed_success_that_does_not_match_the_payment_is_parked_and_does_not_pay_the_order(string tampered)
    {
        var order = await PlaceAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(app.Stripe.Settle(order.IntentId, succeeded: true))!;
        var intent = body["data"]!["object"]!;
        switch (tampered)
        {
            case "amount": // a smaller payment (another intent of the account, or a partial one) naming this order
                var less = intent["amount_received"]!.GetValue<long>() - 1;
                intent["amount"] = less;
                intent["amount_received"] = less;
                break;
            case "currency":
                intent["currency"] = "jpy";
                break;
            case "intent":
                intent["id"] = "pi_not_this_orders";
                break;
        }
        var text = body.ToJsonString();
        var eventId = body["id"]!.GetValue<string>();

        Assert.Equal("accepted", await OutcomeAsync(await PostAsync(text, FakeStripe.Sign(text)))); // signed: acknowledged, not believed

        // The dispatcher tries it and refuses it (kept for an admin, retried and then parked), and the order is not paid.
        Assert.Contains("was not applied", await RefusalAsync(eventId));
        var state = await OrderAsync(order.OrderId);
        Assert.Equal((OrderStatus.PendingPayment, 0, order.IntentId), (state.Status, state.PaidRows, state.ProviderPaymentId));

        // The genuine event still pays it.
        var genuine = app.Stripe.Event(StripeWebhooks.Succeeded, order.IntentId);
        Assert.Equal("accepted", await OutcomeAsync(await PostAsync(genuine, FakeStripe.Sign(genuine))));
        Assert.Equal(OrderStatus.Paid, (await WaitForAsync(order.OrderId, OrderStatus.Paid)).Status);
    }

    [Fact]
    public async Task A_signed_failure_of_another_payment_intent_does_not_fail_the_order()
    {
        var order = await PlaceAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(app.Stripe.Settle(order.IntentId, succeeded: false))!;
        body["data"]!["object"]!["id"] = "pi_not_this_orders";
        var text = body.ToJsonString();

        Assert.Equal("accepted", await OutcomeAsync(await PostAsync(text, FakeStripe.Sign(text))));

        Assert.Contains("is for pi_not_this_orders", await RefusalAsync(body["id"]!.GetValue<string>()));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(OrderStatus.PendingPayment, (await OrderAsync(order.OrderId)).Status);
        Assert.Equal(PaymentStatus.Pending, await db.Payments.Where(p => p.OrderId == order.OrderId).Select(p => p.Status).SingleAsync());
    }

    /// <summary>The error the dispatcher recorded for the notice of this event (it refused it), once it has tried it.</summary>
    private async Task<string> RefusalAsync(string eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = await Contexts.CreateDbContextAsync();
            var error = await db.OutboxMessages.Where(m => m.Payload.Contains(eventId)).Select(m => m.LastError).SingleOrDefaultAsync();
            if (error is not null) return error;
            Assert.True(DateTime.UtcNow < deadline, $"The notice of {eventId} was not refused within 20 s.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Other_event_types_are_acknowledged_and_ignored()
    {
        const string body = """{"id":"evt_other_1","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}""";
        Assert.Equal("ignored", await OutcomeAsync(await PostAsync(body, FakeStripe.Sign(body))));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"payment_intent.succeeded"}""")]
    [InlineData("""{"id":"evt_not_an_event","type":"payment_intent.succeeded","data":"nope"}""")]
    [InlineData("""{"id":"evt_not_an_event","object":"event","type":"payment_intent.succeeded","data":{"object":{"object":"payment_intent","amount":"lots"}}}""")]
    public async Task A_signed_body_that_is_not_an_event_is_a_400_and_writes_nothing(string body)
    {
        var response = await PostAsync(body, FakeStripe.Sign(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("is not a Stripe event", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal((0, 0), await WrittenAsync("evt_not_an_event"));
    }

    /// <summary>
    /// The webhook endpoint may have been created with another API version than the one Stripe.net speaks: such an
    /// event is read all the same (the fields the platform needs have the same shape), so the order is paid.
    /// </summary>
    [Theory]
    [InlineData("2024-06-20")]          // before release trains
    [InlineData("2025-03-31.basil")]    // another release train
    public async Task An_event_of_another_api_version_still_pays_the_order(string apiVersion)
    {
        Assert.NotEqual(apiVersion, StripeRegistration.ApiVersion);
        var order = await PlaceAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(app.Stripe.Settle(order.IntentId, succeeded: true))!;
        body["api_version"] = apiVersion;
        var text = body.ToJsonString();

        Assert.Equal("accepted", await OutcomeAsync(await PostAsync(text, FakeStripe.Sign(text))));

        var paid = await WaitForAsync(order.OrderId, OrderStatus.Paid);
        Assert.Equal((OrderStatus.Paid, 1, order.IntentId), (paid.Status, paid.PaidRows, paid.ProviderPaymentId));
    }

    /// <summary>Another version whose PaymentIntent lacks what a success must state is acknowledged but believes nothing.</summary>
    [Fact]
    public async Task An_event_of_another_api_version_without_the_amount_received_does_not_pay_the_order()
    {
        var order = await PlaceAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(app.Stripe.Settle(order.IntentId, succeeded: true))!;
        body["api_version"] = "2019-02-19";
        body["data"]!["object"]!.AsObject().Remove("amount_received");
        var text = body.ToJsonString();

        Assert.Equal("ignored", await OutcomeAsync(await PostAsync(text, FakeStripe.Sign(text))));

        Assert.Equal((0, 0), await WrittenAsync(EventId(text)));
        var state = await OrderAsync(order.OrderId);
        Assert.Equal((OrderStatus.PendingPayment, 0), (state.Status, state.PaidRows));
    }

    [Fact]
    public async Task The_webhook_is_in_the_openapi_document()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty(Endpoint, out var path));
        Assert.True(path.TryGetProperty("post", out _));
    }
}
