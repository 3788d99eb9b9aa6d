using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Core.Payments;

/// <summary>Settings of section "Stripe" (used when <c>Payments:Provider</c> is Stripe, and by the webhook endpoint).</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>The secret API key: <c>sk_test_…</c> in test mode, <c>sk_live_…</c> in live mode (or a restricted <c>rk_…</c> key).</summary>
    public string SecretKey { get; set; } = "";
    /// <summary>The signing secret of the webhook endpoint (<c>whsec_…</c>, from the dashboard or <c>stripe listen</c>).</summary>
    public string WebhookSecret { get; set; } = "";
    /// <summary>Where the REST API is; tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";
    /// <summary>How long a call may take before the checkout tells the shopper the provider did not answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Test-mode keys accept Stripe's test cards; live keys never see a raw card number.</summary>
    public bool IsTestMode => SecretKey.StartsWith("sk_test_", StringComparison.Ordinal) || SecretKey.StartsWith("rk_test_", StringComparison.Ordinal);
}

public static class StripeRegistration
{
    /// <summary>
    /// The pinned API version: answers keep the shape this code reads even when the account's default version moves on.
    /// </summary>
    public const string ApiVersion = "2024-06-20";

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
        if (!options.SecretKey.StartsWith("sk_", StringComparison.Ordinal) && !options.SecretKey.StartsWith("rk_", StringComparison.Ordinal))
            throw new InvalidOperationException("Stripe:SecretKey must be a Stripe secret key (sk_test_… or sk_live_…) when Payments:Provider is Stripe.");
        if (!options.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
            throw new InvalidOperationException("Stripe:WebhookSecret must be the webhook endpoint's signing secret (whsec_…) when Payments:Provider is Stripe: "
                + "payments are confirmed by signed webhooks.");
        if (!Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"Stripe:ApiBase must be an absolute http(s) address, not '{options.ApiBase}'.");
        if (options.Timeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Stripe:Timeout must be positive.");

        services.AddHttpClient<IPaymentGateway, StripePaymentGateway>(client =>
            {
                client.BaseAddress = new Uri(apiBase.AbsoluteUri.TrimEnd('/') + "/"); // requests use relative paths (v1/...)
                client.Timeout = options.Timeout;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.SecretKey);
                client.DefaultRequestHeaders.Add("Stripe-Version", ApiVersion);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Ecommerce/1.0");
            })
            // The gateway lives inside singletons (CheckoutService, CheckoutSweeper): pooled connections that are
            // recycled every few minutes follow DNS changes, so the factory's handler rotation is not needed.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);
        return services;
    }
}
