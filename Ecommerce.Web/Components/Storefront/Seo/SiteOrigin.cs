using Ecommerce.Web.Hosting.Identity;

namespace Ecommerce.Web.Components.Storefront.Seo;

/// <summary>
/// The origin that canonical links, sitemaps and robots.txt name: the configured Site:PublicUrl when set (behind a
/// proxy or several hosts, one address for search engines), else the scheme and host of the request, which
/// AllowedHosts has already checked. Cached pages vary by host, so one host's links never reach another's visitors.
/// </summary>
public sealed class SiteOrigin(IConfiguration configuration)
{
    private readonly Uri? _configured = PublicSiteUrl.Configured(configuration);

    /// <summary>The origin without a trailing slash: https://shop.example.</summary>
    public string Of(HttpContext? context) =>
        _configured is { } configured ? configured.GetLeftPart(UriPartial.Authority)
        : context is null ? "" : $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}";

    /// <summary>An absolute address for a site path ("/p/slug") or an address that is already absolute.</summary>
    public string Absolute(HttpContext? context, string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsoluteUri
            : Of(context) + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);
}
