using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Output caching of robots.txt and the sitemaps: they are the same for every visitor (per host), so every GET is
/// served from the cache; tagged as listings of the whole catalogue, they are evicted by the same catalogue events
/// as the storefront's listings (<see cref="StorefrontEviction"/>), and otherwise kept for an hour.
/// </summary>
internal static class SitemapCache
{
    private static readonly string[] Tags = [StorefrontCache.Tag, StorefrontCache.CatalogueTag];

    // No query changes a sitemap: ?x=1 must not make a copy of its own.
    public static readonly IOutputCachePolicy Policy = new SharedResponsePolicy(TimeSpan.FromHours(1), _ => Tags, queryKeys: "");
}
