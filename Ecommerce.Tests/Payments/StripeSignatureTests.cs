using System.Text;
using Ecommerce.Core;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Ecommerce.Tests.Payments;

/// <summary>
/// The webhook receiver's answer to Stripe-Signature headers made by Stripe.net (<see cref="EventUtility.GenerateSignatureHeader"/>),
/// at moments set by a fake clock: which deliveries it believes, and that every refusal is a validation error with a
/// reason (a 400 at the endpoint), never an unhandled exception. The event is one the platform acknowledges without
/// touching the database, so only the signature decides.
/// </summary>
public sealed class StripeSignatureTests : IDisposable
{
    private const string Secret = FakeStripe.WebhookSecret;
    private const string Body = """{"id":"evt_sig_1","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly string _folder = Directory.CreateTempSubdirectory("ecommerce-stripe-sig-").FullName;
    private readonly ServiceProvider _services;

    public StripeSignatureTests()
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddEcommerceCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:WebhookSecret"] = Secret }).Build(),
            new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_folder}/never.db", _folder));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        _services = services.BuildServiceProvider();
    }

    private Task<StripeWebhookOutcome> ReceiveAsync(string? header, string body = Body) =>
        _services.GetRequiredService<StripeWebhooks>().ReceiveAsync(Encoding.UTF8.GetBytes(body), header);

    private static string Header(DateTimeOffset at, string secret = Secret, string body = Body) =>
        EventUtility.GenerateSignatureHeader(body, secret, at.ToUnixTimeSeconds());

    private async Task<string> RefusedAsync(string? header, string body = Body)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => ReceiveAsync(header, body));
        return Assert.Single(refused.Errors["Stripe-Signature"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-299)]  // sent 4 min 59 s ago
    [InlineData(299)]   // the sender's clock is a little ahead
    public async Task A_genuine_signature_within_five_minutes_is_believed(int offsetSeconds) =>
        Assert.Equal(StripeWebhookOutcome.Ignored, await ReceiveAsync(Header(Now.AddSeconds(offsetSeconds))));

    [Fact]
    public async Task While_a_secret_is_rolled_any_matching_v1_is_believed()
    {
        var genuine = Header(Now).Split(',')[1];
        var old = Header(Now, "whsec_rolled_secret").Split(',')[1];
        Assert.Equal(StripeWebhookOutcome.Ignored, await ReceiveAsync($"t={Now.ToUnixTimeSeconds()},{old},v0=deadbeef,{genuine}"));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_refused() =>
        Assert.Contains("expected signature was not found", await RefusedAsync(Header(Now, "whsec_attacker")));

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var header = Header(Now);
        Assert.Contains("expected signature was not found", await RefusedAsync(header, Body.Replace("cus_1", "cus_2")));
        Assert.Contains("expected signature was not found", await RefusedAsync(header, Body + " ")); // not even whitespace may change
    }

    [Fact]
    public async Task A_timestamp_changed_after_signing_is_refused()
    {
        var signature = Header(Now).Split(',')[1];
        Assert.Contains("expected signature was not found", await RefusedAsync($"t={Now.ToUnixTimeSeconds() + 1},{signature}"));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(-86_400)] // a delivery captured yesterday and replayed
    [InlineData(301)]
    public async Task A_genuine_signature_outside_five_minutes_is_refused(int offsetSeconds) =>
        Assert.Contains("outside of the allowed tolerance", await RefusedAsync(Header(Now.AddSeconds(offsetSeconds))));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("   ", "missing")]
    [InlineData("garbage", "format is unexpected")]
    [InlineData("v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd", "expected signature was not found")]
    [InlineData("t=abc,v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd", "expected signature was not found")]
    [InlineData("t=1700000000", "expected signature was not found")]
    [InlineData("t=1700000000,v0=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd", "expected signature was not found")]
    [InlineData("t=1700000000,v1=not-hex", "expected signature was not found")]
    public async Task A_missing_or_malformed_header_is_refused_with_the_reason(string? header, string why) =>
        Assert.Contains(why, await RefusedAsync(header));

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused_before_anything_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Body).Append((byte)0xFF).ToArray();
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _services.GetRequiredService<StripeWebhooks>().ReceiveAsync(bytes, Header(Now, body: Encoding.Latin1.GetString(bytes))));
        Assert.Contains("not UTF-8", Assert.Single(refused.Errors["Stripe-Signature"]));
    }

    [Fact]
    public async Task Without_a_secret_the_endpoint_is_not_found()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddEcommerceCore(new ConfigurationBuilder().Build(), new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_folder}/never.db", _folder));
        await using var provider = services.BuildServiceProvider();
        await Assert.ThrowsAsync<NotFoundException>(() =>
            provider.GetRequiredService<StripeWebhooks>().ReceiveAsync(Encoding.UTF8.GetBytes(Body), EventUtility.GenerateSignatureHeader(Body, "")));
    }

    public void Dispose()
    {
        _services.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
