using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ecommerce.Web.Api;

/// <summary>
/// Rate limits (settings <c>RateLimits:CheckoutPerMinute</c>, default 20, <c>RateLimits:LoginPerMinute</c>,
/// default 10, and <c>RateLimits:CheckoutConcurrency</c> below; 0 turns one off). Checkout (the API's and the checkout
/// page's requests, counted together) is limited per signed-in user, or per client address for guests, so one script
/// cannot flood the stock reservations; the credential endpoints (API and Identity pages: log in, register,
/// two-factor and recovery codes, password reset) per client address, for POSTs only. A refused request gets 429,
/// a problem body and Retry-After. Behind a proxy, the client address is the proxy's unless forwarded headers are set up.
/// <para>
/// Checkouts also queue: at most <c>RateLimits:CheckoutConcurrency</c> (default 16) run at once on a node, the
/// others wait their turn, oldest first, up to <c>RateLimits:CheckoutQueue</c> (default 5000; beyond it, 429). A
/// flash-sale crowd is then served in arrival order, and never holds more database connections than the pool has.
/// </para>
/// </summary>
internal static class StoreRateLimits
{
    public const string Checkout = "checkout";
    public const string Credentials = "credentials";

    /// <summary>Marks the endpoints (and the checkout page, as an attribute) that take a place in the checkout queue.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    public sealed class CheckoutQueueAttribute : Attribute;

    private static readonly string[] CredentialRoutes =
        ["/login", "/register", "/forgotPassword", "/resetPassword", "/resendConfirmationEmail", "/LoginWith2fa", "/LoginWithRecoveryCode",
         "/ResendEmailConfirmation", "/Manage/Email"]; // every route that sends mail, too

    public static IServiceCollection AddStoreRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var checkoutPerMinute = Setting(configuration, "RateLimits:CheckoutPerMinute", 20);
        var loginPerMinute = Setting(configuration, "RateLimits:LoginPerMinute", 10);
        var concurrency = Setting(configuration, "RateLimits:CheckoutConcurrency", 16);
        var queue = new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, concurrency),
            QueueLimit = Setting(configuration, "RateLimits:CheckoutQueue", 5000),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            // One queue for the node (the global limiter runs before the per-caller policy).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                concurrency > 0 && context.GetEndpoint()?.Metadata.GetMetadata<CheckoutQueueAttribute>() is not null
                    ? RateLimitPartition.GetConcurrencyLimiter("checkout-queue", _ => queue)
                    : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Checkout, context => PerMinute(CallerKey(context), checkoutPerMinute));
            options.AddPolicy(Credentials, context => HttpMethods.IsPost(context.Request.Method)
                ? PerMinute("ip:" + context.Connection.RemoteIpAddress, loginPerMinute)
                : RateLimitPartition.GetNoLimiter(""));
        });
    }

    /// <summary>
    /// The checkout limits on an endpoint: the caller's rate and a place in the node's checkout queue. The checkout page
    /// carries the same two as attributes (<c>[EnableRateLimiting(Checkout)]</c>, <c>[CheckoutQueue]</c>): its GET holds
    /// stock and its POST places orders, so a crowd on the page meets the same limits as one on the API.
    /// </summary>
    public static RouteHandlerBuilder RequireCheckoutLimits(this RouteHandlerBuilder route) =>
        route.RequireRateLimiting(Checkout).WithMetadata(new CheckoutQueueAttribute());

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
        // A full checkout queue says nothing of when it frees up: a few seconds is a fair guess.
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
