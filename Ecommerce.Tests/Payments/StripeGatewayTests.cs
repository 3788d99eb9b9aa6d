using Ecommerce.Core;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Tests.Payments;

/// <summary>
/// The Stripe gateway, registered as the platform registers it (Payments:Provider=Stripe), against a local fake of
/// Stripe's REST API: what it sends (form fields, amounts in the smallest unit, keys and headers) and how it reads
/// each documented answer.
/// </summary>
public sealed class StripeGatewayTests(FakeStripe stripe) : IClassFixture<FakeStripe>, IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("ecommerce-stripe-").FullName;

    /// <summary>The platform's services with the fake as Stripe (the database is never opened by these tests).</summary>
    private IServiceProvider Platform(params (string Key, string? Value)[] overrides)
    {
        var settings = stripe.Settings;
        foreach (var (key, value) in overrides) settings[key] = value;
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddEcommerceCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_folder}/never.db", _folder));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private IPaymentGateway Gateway(params (string Key, string? Value)[] overrides) => Platform(overrides).GetRequiredService<IPaymentGateway>();

    private static ChargeRequest Charge(string card = SandboxPaymentGateway.SucceedsCard, decimal amount = 123.45m, string currency = "USD", string? paymentMethodId = null)
    {
        var orderId = Random.Shared.Next(1, int.MaxValue);
        return new ChargeRequest(orderId, "EC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), amount, currency, "buyer@example.com",
            new PaymentMethodDetails(CardNumber: paymentMethodId is null ? card : null, PaymentMethodId: paymentMethodId), $"order-{orderId}-charge");
    }

    private FakeStripe.RecordedRequest LastCreate(ChargeRequest request) =>
        stripe.RequestsFor("POST", "/v1/payment_intents").Last(r => r.Form.GetValueOrDefault("metadata[order_number]") == request.OrderNumber);

    [Fact]
    public void The_provider_setting_selects_the_stripe_gateway()
    {
        var gateway = Gateway();
        Assert.IsType<StripePaymentGateway>(gateway);
        Assert.Equal("stripe", gateway.Name);
    }

    [Fact]
    public async Task A_charge_creates_and_confirms_a_payment_intent_with_the_amount_in_cents()
    {
        var request = Charge(amount: 123.45m);
        var result = await Gateway().ChargeAsync(request);

        Assert.Equal(ChargeStatus.Succeeded, result.Status);
        Assert.StartsWith("pi_", result.ProviderPaymentId);
        var sent = LastCreate(request);
        Assert.Equal("Bearer " + FakeStripe.SecretKey, sent.Authorization);
        Assert.Equal(StripeRegistration.ApiVersion, sent.StripeVersion);
        Assert.Equal("12345", sent.Form["amount"]);
        Assert.Equal("usd", sent.Form["currency"]);
        Assert.Equal("true", sent.Form["confirm"]);
        Assert.Equal("pm_card_visa", sent.Form["payment_method"]); // the test card, mapped in test mode
        Assert.Equal("never", sent.Form["automatic_payment_methods[allow_redirects]"]);
        Assert.Equal(request.OrderId.ToString(), sent.Form["metadata[order_id]"]);
        Assert.Equal("buyer@example.com", sent.Form["receipt_email"]);
        Assert.False(sent.Form.ContainsKey("card"), "a card number never leaves the server");
        Assert.Equal($"{request.IdempotencyKey}:{request.OrderNumber}", sent.IdempotencyKey);
        Assert.Equal("succeeded", stripe.PaymentIntents[result.ProviderPaymentId!]["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1500, "JPY", "1500")]      // zero-decimal currency
    [InlineData(0.5, "EUR", "50")]
    [InlineData(19.99, "usd", "1999")]
    [InlineData(1.234, "KWD", "1234")]     // three-decimal currency
    public async Task Amounts_go_in_the_currencys_smallest_unit(decimal amount, string currency, string expected)
    {
        var request = Charge(amount: amount, currency: currency);
        var result = await Gateway().ChargeAsync(request);
        Assert.Equal(ChargeStatus.Succeeded, result.Status);
        Assert.Equal(expected, LastCreate(request).Form["amount"]);
        Assert.Equal(currency.ToLowerInvariant(), LastCreate(request).Form["currency"]);
    }

    [Fact]
    public async Task A_declined_card_is_a_decline_with_stripes_code_and_message()
    {
        var result = await Gateway().ChargeAsync(Charge(SandboxPaymentGateway.DeclinedCard));
        Assert.Equal(ChargeStatus.Declined, result.Status);
        Assert.Equal("card_declined", result.Code);
        Assert.Equal("Your card was declined.", result.Message);
        Assert.Equal("requires_payment_method", stripe.PaymentIntents[result.ProviderPaymentId!]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Insufficient_funds_is_a_decline_with_the_decline_code()
    {
        var request = Charge(SandboxPaymentGateway.InsufficientFundsCard);
        var result = await Gateway().ChargeAsync(request);
        Assert.Equal(ChargeStatus.Declined, result.Status);
        Assert.Equal("insufficient_funds", result.Code);
        Assert.Equal("Your card has insufficient funds.", result.Message);
        Assert.Equal("pm_card_chargeDeclinedInsufficientFunds", LastCreate(request).Form["payment_method"]);
    }

    [Fact]
    public async Task Another_raw_card_number_is_refused_without_calling_stripe()
    {
        var before = stripe.Requests.Count;
        var result = await Gateway().ChargeAsync(Charge("4111111111111111"));
        Assert.Equal(ChargeStatus.Declined, result.Status);
        Assert.Equal("card_entry_required", result.Code);
        Assert.Contains("entered through Stripe", result.Message);
        Assert.Equal(before, stripe.Requests.Count);
    }

    [Fact]
    public async Task Live_mode_never_sends_even_a_test_card_number()
    {
        var before = stripe.Requests.Count;
        var result = await Gateway(("Stripe:SecretKey", "sk_live_fake0123456789")).ChargeAsync(Charge());
        Assert.Equal(ChargeStatus.Declined, result.Status);
        Assert.Equal(before, stripe.Requests.Count);
    }

    [Fact]
    public async Task A_payment_method_from_stripes_card_form_is_used_as_it_is()
    {
        var request = Charge(paymentMethodId: "pm_card_visa");
        Assert.Equal(ChargeStatus.Succeeded, (await Gateway().ChargeAsync(request)).Status);
        Assert.Equal("pm_card_visa", LastCreate(request).Form["payment_method"]);

        var unknown = await Gateway().ChargeAsync(Charge(paymentMethodId: "pm_doesNotExist"));
        Assert.Equal(ChargeStatus.Failed, unknown.Status); // Stripe's 400 resource_missing
        Assert.Equal("resource_missing", unknown.Code);
        Assert.Contains("No such payment_method", unknown.Message);

        var malformed = await Gateway().ChargeAsync(Charge(paymentMethodId: "pm_x&amount=1"));
        Assert.Equal(ChargeStatus.Declined, malformed.Status);
    }

    [Fact]
    public async Task A_payment_still_processing_waits_for_its_webhook()
    {
        stripe.SuccessStatus = "processing";
        try
        {
            var result = await Gateway().ChargeAsync(Charge());
            Assert.Equal(ChargeStatus.Processing, result.Status);
            Assert.Equal(ChargeStatus.Processing, (await Gateway().GetAsync(result.ProviderPaymentId!)).Status);
        }
        finally { stripe.SuccessStatus = "succeeded"; }
    }

    [Fact]
    public async Task A_card_that_needs_3d_secure_fails_clearly_and_its_payment_intent_is_cancelled()
    {
        var result = await Gateway().ChargeAsync(Charge(paymentMethodId: "pm_card_authenticationRequired"));
        Assert.Equal(ChargeStatus.Failed, result.Status);
        Assert.Equal("authentication_required", result.Code);
        Assert.Contains("3-D Secure", result.Message);
        Assert.Equal("canceled", stripe.PaymentIntents[result.ProviderPaymentId!]["status"]!.GetValue<string>());
        Assert.NotNull(stripe.RequestsFor("POST", $"/v1/payment_intents/{result.ProviderPaymentId}/cancel").Single().IdempotencyKey);
    }

    [Fact]
    public async Task The_same_idempotency_key_makes_one_payment_intent()
    {
        var request = Charge();
        var gateway = Gateway();
        var first = await gateway.ChargeAsync(request);
        var again = await gateway.ChargeAsync(request);

        Assert.Equal(first.ProviderPaymentId, again.ProviderPaymentId);
        Assert.Single(stripe.PaymentIntents.Values, p => p["metadata"]!["order_number"]!.GetValue<string>() == request.OrderNumber);
        var sent = stripe.RequestsFor("POST", "/v1/payment_intents").Where(r => r.Form.GetValueOrDefault("metadata[order_number]") == request.OrderNumber).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].IdempotencyKey, sent[1].IdempotencyKey);
        Assert.True(sent[1].Replayed);
    }

    [Fact]
    public async Task A_server_error_is_a_provider_exception_and_a_retry_with_the_same_key_is_safe()
    {
        var request = Charge();
        var gateway = Gateway();
        stripe.FailNext(1);
        await Assert.ThrowsAsync<PaymentProviderException>(() => gateway.ChargeAsync(request));

        var retried = await gateway.ChargeAsync(request);
        Assert.Equal(ChargeStatus.Succeeded, retried.Status);
        Assert.Single(stripe.PaymentIntents.Values, p => p["metadata"]!["order_number"]!.GetValue<string>() == request.OrderNumber);
    }

    [Fact]
    public async Task A_second_charge_while_the_first_with_its_key_is_in_flight_is_in_progress_not_a_failure()
    {
        var request = Charge();
        var gateway = Gateway();
        stripe.Delay = TimeSpan.FromSeconds(2);
        ChargeResult[] results;
        try { results = await Task.WhenAll(gateway.ChargeAsync(request), gateway.ChargeAsync(request)); }
        finally { stripe.Delay = TimeSpan.Zero; }

        var sent = stripe.RequestsFor("POST", "/v1/payment_intents").Where(r => r.IdempotencyKey?.StartsWith(request.IdempotencyKey + ":") == true).ToList();
        Assert.Single(sent, r => r.Conflicted); // Stripe did answer 409 to one of them
        Assert.Single(results, r => r.Status == ChargeStatus.Succeeded);
        var waiting = Assert.Single(results, r => r.Status == ChargeStatus.Processing);
        Assert.False(waiting.IsFailure);
        Assert.Equal("in_progress", waiting.Code);
        Assert.Single(stripe.PaymentIntents.Values, p => p["metadata"]!["order_number"]!.GetValue<string>() == request.OrderNumber);
    }

    [Fact]
    public async Task A_stripe_that_does_not_answer_in_time_is_a_provider_exception()
    {
        var gateway = Gateway(("Stripe:Timeout", "00:00:00.500"));
        stripe.Delay = TimeSpan.FromSeconds(3);
        try
        {
            var error = await Assert.ThrowsAsync<PaymentProviderException>(() => gateway.ChargeAsync(Charge()));
            Assert.Contains("did not answer", error.Message);
        }
        finally { stripe.Delay = TimeSpan.Zero; }
    }

    [Fact]
    public async Task An_unreachable_stripe_is_a_provider_exception()
    {
        var gateway = Gateway(("Stripe:ApiBase", "http://127.0.0.1:1/"));
        await Assert.ThrowsAsync<PaymentProviderException>(() => gateway.ChargeAsync(Charge()));
    }

    [Fact]
    public async Task A_wrong_api_key_fails_without_showing_stripes_text_to_the_shopper()
    {
        var result = await Gateway(("Stripe:SecretKey", "sk_test_wrong0123456789")).ChargeAsync(Charge());
        Assert.Equal(ChargeStatus.Failed, result.Status);
        Assert.Equal("provider_configuration", result.Code);
        Assert.DoesNotContain("sk_test", result.Message);
    }

    [Fact]
    public async Task Get_reads_the_payment_intent_back()
    {
        var gateway = Gateway();
        var charged = await gateway.ChargeAsync(Charge());
        Assert.Equal(ChargeStatus.Succeeded, (await gateway.GetAsync(charged.ProviderPaymentId!)).Status);

        var declined = await gateway.ChargeAsync(Charge(SandboxPaymentGateway.DeclinedCard));
        var state = await gateway.GetAsync(declined.ProviderPaymentId!);
        Assert.Equal(ChargeStatus.Declined, state.Status);
        Assert.Equal("card_declined", state.Code);

        var missing = await gateway.GetAsync("pi_doesnotexist");
        Assert.True(missing.IsFailure);
        Assert.Equal("pi_doesnotexist", missing.ProviderPaymentId);
    }

    [Fact]
    public async Task A_refund_is_made_once_in_cents_and_never_beyond_what_was_paid()
    {
        var gateway = Gateway();
        var charged = await gateway.ChargeAsync(Charge(amount: 50m));
        var id = charged.ProviderPaymentId!;

        var refund = await gateway.RefundAsync(id, 20.25m, "USD", "refund-1");
        var again = await gateway.RefundAsync(id, 20.25m, "USD", "refund-1");
        Assert.True(refund.Succeeded);
        Assert.StartsWith("re_", refund.ProviderRefundId);
        Assert.Equal(refund.ProviderRefundId, again.ProviderRefundId);
        Assert.Single(stripe.Refunds.Values, r => r["payment_intent"]!.GetValue<string>() == id);
        var sent = stripe.RequestsFor("POST", "/v1/refunds").Last(r => r.Form["payment_intent"] == id);
        Assert.Equal("2025", sent.Form["amount"]);
        Assert.Equal($"refund-1:{id}", sent.IdempotencyKey);

        var tooMuch = await gateway.RefundAsync(id, 30m, "USD", "refund-2");
        Assert.False(tooMuch.Succeeded);
        Assert.Contains("greater than unrefunded amount", tooMuch.Message);
        Assert.True((await gateway.RefundAsync(id, 29.75m, "USD", "refund-3")).Succeeded);
    }

    [Fact]
    public async Task Refunding_a_payment_that_never_succeeded_is_refused()
    {
        var gateway = Gateway();
        var declined = await gateway.ChargeAsync(Charge(SandboxPaymentGateway.DeclinedCard));
        var refund = await gateway.RefundAsync(declined.ProviderPaymentId!, 1m, "USD", "refund-x");
        Assert.False(refund.Succeeded);
        Assert.Contains("does not have a successful charge", refund.Message);
    }

    [Theory]
    [InlineData("Stripe:SecretKey", "", "Stripe:SecretKey")]
    [InlineData("Stripe:SecretKey", "pk_test_publishable", "Stripe:SecretKey")]
    [InlineData("Stripe:WebhookSecret", "", "Stripe:WebhookSecret")]
    [InlineData("Stripe:ApiBase", "not a url", "Stripe:ApiBase")]
    public void A_missing_or_wrong_stripe_setting_stops_the_start_with_its_name(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Platform((key, value)));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task Without_a_webhook_secret_the_webhook_receiver_answers_not_found()
    {
        var sandbox = Platform(("Payments:Provider", "Sandbox"), ("Stripe:WebhookSecret", ""), ("Stripe:SecretKey", ""));
        Assert.IsType<SandboxPaymentGateway>(sandbox.GetRequiredService<IPaymentGateway>());
        var body = "{}"u8.ToArray();
        await Assert.ThrowsAsync<NotFoundException>(() => sandbox.GetRequiredService<StripeWebhooks>().ReceiveAsync(body, FakeStripe.Sign("{}")));
    }

    [Theory]
    [InlineData(12.345, "USD", 1235)]   // half a cent rounds away from zero
    [InlineData(0, "USD", 0)]
    [InlineData(999.99, "jpy", 1000)]
    public void Minor_units(decimal amount, string currency, long expected) =>
        Assert.Equal(expected, StripeAmounts.ToMinorUnits(amount, currency));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers) await provider.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
