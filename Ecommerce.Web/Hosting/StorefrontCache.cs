using Ecommerce.Core.Data;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Output caching of the storefront for anonymous visitors whose pages are all alike: not signed in, and none of
/// the cookies that change a page (a cart, a "Deliver to" choice, recently viewed products, a flash notice, a
/// session or antiforgery cookie). Such a page (one marked <see cref="SharedWithAnonymousVisitorsAttribute"/>: home, search, category, product,
/// shop) is rendered once per path and query and kept for 30 s or until
/// anything changes in the database's outbox (products, stock, shops, orders: <see cref="StorefrontCacheInvalidator"/>).
/// A shared page carries no per-visitor antiforgery token: its cart and wishlist forms are checked by the browser's
/// Origin instead (<see cref="ShopperFormPost"/>). A response that sets a cookie, or is not a 200, is never stored.
/// </summary>
internal static class StorefrontCache
{
    public const string Policy = "storefront";
    public const string Tag = "storefront";
    private static readonly object SharedRenderKey = new();
    private static readonly string[] PersonalCookies = [ShopperCookie.Name, DeliveryCookie.Name, RecentlyViewed.Cookie, "flash"];

    public static IServiceCollection AddStorefrontCache(this IServiceCollection services)
    {
        services.AddOutputCache(options => options.AddPolicy(Policy, new SharedPagePolicy()));
        // Blazor asks for an antiforgery token on every page (for its persisted component state), which would set
        // a cookie and make every page uncacheable: on a shared page the token is made but not stored (see below).
        var antiforgery = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.AddSingleton<IAntiforgery>(sp => new SharedPageAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, antiforgery.ImplementationType!)));
        services.AddHostedService<StorefrontCacheInvalidator>();
        return services;
    }

    /// <summary>True while rendering a page that other visitors may be served: it must hold nothing of this visitor's.</summary>
    public static bool IsSharedRender(HttpContext? context) => context?.Items.ContainsKey(SharedRenderKey) == true;

    private static bool IsAlike(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<SharedWithAnonymousVisitorsAttribute>() is not null
            ? context.User.Identity?.IsAuthenticated != true
              && context.Request.Headers.Authorization.Count == 0
              && !context.Request.Cookies.Keys.Any(name => PersonalCookies.Contains(name) || name.StartsWith(".AspNetCore.", StringComparison.Ordinal))
            : false;

    private sealed class SharedPagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var alike = IsAlike(context.HttpContext);
            context.EnableOutputCaching = alike;
            context.AllowCacheLookup = alike;
            context.AllowCacheStorage = alike;
            context.AllowLocking = true; // many visitors asking for a page that is not cached yet: one renders it
            if (!alike) return ValueTask.CompletedTask;
            context.HttpContext.Items[SharedRenderKey] = true;
            context.CacheVaryByRules.QueryKeys = "*";
            // Blazor's enhanced navigation asks with this header and may be answered differently.
            context.CacheVaryByRules.HeaderNames = "blazor-enhanced-nav";
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(30);
            context.Tags.Add(Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // Only a plain page: no cookie of any visitor (an antiforgery cookie among them), no error, no redirect.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Marks a storefront page whose anonymous rendering may be shared (StorefrontCache): every form on it uses
/// ShopperFormToken, and nothing on it depends on the visitor beyond the cookies StorefrontCache looks at.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharedWithAnonymousVisitorsAttribute : Attribute;

/// <summary>
/// Antiforgery as usual, except while rendering a shared page: there the token Blazor puts into its component state
/// is made without setting the visitor's cookie (the page holds no form token of its own: ShopperFormToken).
/// </summary>
internal sealed class SharedPageAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        StorefrontCache.IsSharedRender(httpContext) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);
    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);
    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);
    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}

/// <summary>
/// Drops this node's cached storefront pages when anything was written to the outbox (by any node): every change
/// a page can show (products, stock, shops, deals sold, orders) writes an event in its own transaction.
/// </summary>
internal sealed class StorefrontCacheInvalidator(IDbContextFactory<AppDbContext> contexts, IOutputCacheStore store, ILogger<StorefrontCacheInvalidator> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, stoppingToken);
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var last = await db.OutboxMessages.MaxAsync(m => (long?)m.Id, stoppingToken) ?? 0;
                if (seen is not null && last != seen) await store.EvictByTagAsync(StorefrontCache.Tag, stoppingToken);
                seen = last;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Storefront cache invalidation check failed; retrying");
            }
        }
    }
}
