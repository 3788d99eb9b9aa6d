using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace Ecommerce.Core.Payments;

/// <summary>Settings of section "Stripe" (used when <c>Payments:Provider</c> is Stripe, and by the webhook endpoint).</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>The secret API key: <c>sk_test_…</c> in test mode, <c>sk_live_…</c> in live mode (or a restricted <c>rk_…</c> key).</summary>
    public string SecretKey { get; set; } = "";
    /// <summary>The signing secret of the webhook endpoint (<c>whsec_…</c>, from the dashboard or <c>stripe listen</c>).</summary>
    public string WebhookSecret { get; set; } = "";
    /// <summary>Where the REST API is (the SDK's API base); tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";
    /// <summary>How long a call may take before the checkout tells the shopper the provider did not answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Test-mode keys accept Stripe's test cards; live keys never see a raw card number.</summary>
    public bool IsTestMode => SecretKey.StartsWith("sk_test_", StringComparison.Ordinal) || SecretKey.StartsWith("rk_test_", StringComparison.Ordinal);
}

public static class StripeRegistration
{
    /// <summary>
    /// The API version every call is made with and every webhook is expected in: the one the Stripe.net package speaks
    /// (its Stripe-Version header). Pinned by the package version in Directory.Packages.props, and nowhere else, so the
    /// shapes the SDK reads always match what it asks for, whatever the account's default version.
    /// </summary>
    public static string ApiVersion => StripeConfiguration.ApiVersion;

    private const string HttpClientName = "Stripe";

    /// <summary>The webhook receiver: registered whatever the provider, so payments begun with Stripe still settle after a switch.</summary>
    public static IServiceCollection AddStripeWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StripeOptions>(configuration.GetSection(StripeOptions.Section));
        services.AddSingleton<StripeWebhooks>();
        return services;
    }

    /// <summary>Stripe as the payment gateway; stops the app at start with a message naming a missing or wrong setting.</summary>
    public static IServiceCollection AddStripeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions();
        if (!options.SecretKey.StartsWith("sk_", StringComparison.Ordinal) && !options.SecretKey.StartsWith("rk_", StringComparison.Ordinal)
            || options.SecretKey.Any(char.IsWhiteSpace))
            throw new InvalidOperationException("Stripe:SecretKey must be a Stripe secret key (sk_test_… or sk_live_…) when Payments:Provider is Stripe.");
        if (!options.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
            throw new InvalidOperationException("Stripe:WebhookSecret must be the webhook endpoint's signing secret (whsec_…) when Payments:Provider is Stripe: "
                + "payments are confirmed by signed webhooks.");
        if (!Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"Stripe:ApiBase must be an absolute http(s) address, not '{options.ApiBase}'.");
        if (options.Timeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Stripe:Timeout must be positive.");

        services.AddHttpClient(HttpClientName, client => client.Timeout = options.Timeout)
            // The client lives inside a singleton: pooled connections that are recycled every few minutes follow DNS
            // changes, so the factory's handler rotation is not needed.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new StripeClient(new StripeClientOptions
        {
            ApiKey = options.SecretKey,
            ApiBase = apiBase.AbsoluteUri.TrimEnd('/'), // the SDK appends "/v1/..."
            // No retries inside the SDK: a call that failed is retried by the checkout or the sweeps, with the same
            // idempotency key, and the shopper hears at once that the payment service did not answer.
            HttpClient = new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                maxNetworkRetries: 0, appInfo: new AppInfo { Name = "Ecommerce" }, enableTelemetry: false),
        }));
        services.AddSingleton<IPaymentGateway, StripePaymentGateway>();
        return services;
    }
}
