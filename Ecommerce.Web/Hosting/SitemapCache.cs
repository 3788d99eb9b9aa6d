using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Output caching of robots.txt and the sitemaps: they are the same for every visitor (per host), so every GET is
/// served from the cache; tagged as listings of the whole catalogue, they are evicted by the same catalogue events
/// as the storefront's listings (<see cref="StorefrontEviction"/>), and otherwise kept for an hour.
/// </summary>
internal static class SitemapCache
{
    public static readonly IOutputCachePolicy Policy = new SitemapPolicy();

    private sealed class SitemapPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var get = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            context.EnableOutputCaching = get;
            context.AllowCacheLookup = get;
            context.AllowCacheStorage = get;
            context.AllowLocking = true; // a crawler's burst renders each file once
            context.CacheVaryByRules.QueryKeys = ""; // no query changes a sitemap: ?x=1 must not make a copy of its own
            context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
            context.Tags.Add(StorefrontCache.Tag);
            context.Tags.Add(StorefrontCache.CatalogueTag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
