using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ecommerce.Web.Api;

/// <summary>
/// Rate limits (settings <c>RateLimits:CheckoutPerMinute</c>, default 20, and <c>RateLimits:LoginPerMinute</c>,
/// default 10; 0 turns one off). Checkout (the API's and the checkout page's requests, counted together) is limited per
/// signed-in user, or per client address for guests, so one script cannot flood the stock reservations; the
/// credential endpoints (API and Identity pages: log in, register, two-factor and recovery codes, password reset) per
/// client address, for POSTs only. A refused request gets 429, a problem body and Retry-After. Behind a proxy, the
/// client address is the proxy's unless forwarded headers are set up. The node's queue of checkouts working on the
/// database is Core's <c>CheckoutQueue</c>, entered after the sold-out board has had its say.
/// </summary>
internal static class StoreRateLimits
{
    public const string Checkout = "checkout";
    public const string Credentials = "credentials";

    private static readonly string[] CredentialRoutes =
        ["/login", "/register", "/forgotPassword", "/resetPassword", "/resendConfirmationEmail", "/LoginWith2fa", "/LoginWithRecoveryCode",
         "/ResendEmailConfirmation", "/Manage/Email"]; // every route that sends mail, too

    public static IServiceCollection AddStoreRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var checkoutPerMinute = Setting(configuration, "RateLimits:CheckoutPerMinute", 20);
        var loginPerMinute = Setting(configuration, "RateLimits:LoginPerMinute", 10);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(Checkout, context => PerMinute(CallerKey(context), checkoutPerMinute));
            options.AddPolicy(Credentials, context => HttpMethods.IsPost(context.Request.Method)
                ? PerMinute("ip:" + context.Connection.RemoteIpAddress, loginPerMinute)
                : RateLimitPartition.GetNoLimiter(""));
        });
    }

    /// <summary>
    /// The checkout limit on an endpoint: the caller's rate. The checkout page carries it as an attribute
    /// (<c>[EnableRateLimiting(Checkout)]</c>): its GET holds stock and its POST places orders, so a crowd on the page
    /// meets the same limit as one on the API.
    /// </summary>
    public static RouteHandlerBuilder RequireCheckoutLimits(this RouteHandlerBuilder route) => route.RequireRateLimiting(Checkout);

    /// <summary>Puts the credentials limit on those of the builder's endpoints that take passwords or codes.</summary>
    public static TBuilder LimitCredentialAttempts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route }
                && CredentialRoutes.Any(r => route.TrimEnd('/').EndsWith(r, StringComparison.OrdinalIgnoreCase)))
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(Credentials));
        });
        return builder;
    }

    private static string CallerKey(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId ? "user:" + userId : "ip:" + context.Connection.RemoteIpAddress;

    private static RateLimitPartition<string> PerMinute(string key, int permits) => permits == 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    private static int Setting(IConfiguration configuration, string name, int fallback)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return int.TryParse(value, out var number) && number >= 0
            ? number
            : throw new InvalidOperationException($"The setting {name} must be a whole number, 0 or more, not '{value}'.");
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 5;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests, Title = "Too Many Requests",
            Detail = $"Too many requests of this kind from you; try again in {seconds} seconds.",
        };
        if (!await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new() { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsync(problem.Detail, cancellationToken);
    }
}
