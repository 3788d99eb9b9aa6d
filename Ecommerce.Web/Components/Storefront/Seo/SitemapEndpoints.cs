using System.Globalization;
using System.Text;
using System.Xml;
using Ecommerce.Core.Search;
using Ecommerce.Web.Hosting;

namespace Ecommerce.Web.Components.Storefront.Seo;

/// <summary>
/// /robots.txt and the sitemaps: /sitemap.xml is an index naming /sitemap-pages.xml (static pages, categories, shops)
/// and /sitemap-products-N.xml, pages of <see cref="ProductsPerSitemap"/> products in product-id order. All of it is read
/// from this node's search index (never by scanning the database) and output-cached like the storefront's listings:
/// any catalogue change evicts it once the index has read the change (<see cref="StorefrontEviction"/>).
/// </summary>
public static class SitemapEndpoints
{
    /// <summary>Well under the protocol's 50,000 addresses and 50 MB per file.</summary>
    public const int ProductsPerSitemap = 10_000;

    /// <summary>The storefront's pages that are not listings of the index.</summary>
    private static readonly string[] StaticPages = ["/", "/search", "/shops"];

    /// <summary>Parts only one visitor sees, or that are not for search engines at all.</summary>
    private static readonly string[] Disallowed =
        ["/cart", "/checkout", "/wishlist", "/orders", "/account", "/Identity/", "/deliver-to", "/merchant", "/admin", "/api/", "/openapi/"];

    public static IServiceCollection AddStorefrontSeo(this IServiceCollection services) => services.AddSingleton<SiteOrigin>();

    public static IEndpointRouteBuilder MapStorefrontSeo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (HttpContext context, SiteOrigin origin) => Results.Text(Robots(origin.Of(context)), "text/plain", Encoding.UTF8))
            .CacheOutput(SitemapCache.Policy).ExcludeFromDescription();
        endpoints.MapGet("/sitemap.xml", (HttpContext context, SiteOrigin origin, ProductSearchIndex index) =>
            Index(origin.Of(context), index)).CacheOutput(SitemapCache.Policy).ExcludeFromDescription();
        endpoints.MapGet("/sitemap-pages.xml", (HttpContext context, SiteOrigin origin, ProductSearchIndex index) =>
            Pages(origin.Of(context), index)).CacheOutput(SitemapCache.Policy).ExcludeFromDescription();
        endpoints.MapGet("/sitemap-products-{page:int:min(1)}.xml", (int page, HttpContext context, SiteOrigin origin, ProductSearchIndex index) =>
            Products(origin.Of(context), index, page)).CacheOutput(SitemapCache.Policy).ExcludeFromDescription();
        return endpoints;
    }

    public static string Robots(string origin)
    {
        var text = new StringBuilder("User-agent: *\nAllow: /\n");
        foreach (var path in Disallowed) text.Append("Disallow: ").Append(path).Append('\n');
        return text.Append("\nSitemap: ").Append(origin).Append("/sitemap.xml\n").ToString();
    }

    private static IResult Index(string origin, ProductSearchIndex index)
    {
        if (index.Checkpoint() is null) return NotReady();
        var pages = index.SitemapPageStarts(ProductsPerSitemap).Count;
        return Xml(writer =>
        {
            writer.WriteStartElement("sitemapindex", Namespace);
            Sitemap(writer, $"{origin}/sitemap-pages.xml");
            for (var page = 1; page <= pages; page++)
                Sitemap(writer, $"{origin}/sitemap-products-{page.ToString(CultureInfo.InvariantCulture)}.xml");
            writer.WriteEndElement();
        });
    }

    private static IResult Pages(string origin, ProductSearchIndex index)
    {
        if (index.Checkpoint() is null) return NotReady();
        var listings = index.SitemapListingSlugs();
        return UrlSet(StaticPages.Select(p => origin + p)
            .Concat(listings.CategorySlugs.Select(slug => $"{origin}/c/{Uri.EscapeDataString(slug)}"))
            .Concat(listings.ShopSlugs.Select(slug => $"{origin}/s/{Uri.EscapeDataString(slug)}"))
            .Select(url => (url, (string?)null)));
    }

    private static IResult Products(string origin, ProductSearchIndex index, int page)
    {
        if (index.Checkpoint() is null) return NotReady();
        var starts = index.SitemapPageStarts(ProductsPerSitemap);
        if (page > starts.Count) return Results.NotFound();
        var products = index.SitemapProducts(starts[page - 1], ProductsPerSitemap);
        return UrlSet(products.Select(p => ($"{origin}/p/{Uri.EscapeDataString(p.Slug)}",
            p.ImageUrl is { Length: > 0 } image ? (image.StartsWith('/') ? origin + image : image) : null)));
    }

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string ImageNamespace = "http://www.google.com/schemas/sitemap-image/1.1";

    private static void Sitemap(XmlWriter writer, string location)
    {
        writer.WriteStartElement("sitemap", Namespace);
        writer.WriteElementString("loc", Namespace, location);
        writer.WriteEndElement();
    }

    private static IResult UrlSet(IEnumerable<(string Url, string? Image)> urls) => Xml(writer =>
    {
        writer.WriteStartElement("urlset", Namespace);
        writer.WriteAttributeString("xmlns", "image", null, ImageNamespace);
        foreach (var (url, image) in urls)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, url);
            if (image is not null)
            {
                writer.WriteStartElement("image", "image", ImageNamespace);
                writer.WriteElementString("image", "loc", ImageNamespace, image);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    private static IResult Xml(Action<XmlWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    /// <summary>Before this node's index is first built there is nothing to list: crawlers are asked to come back.</summary>
    private static IResult NotReady() => new RetryAfter(Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The catalogue is being indexed", detail: "Try again in a minute."));

    private sealed class RetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "60";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
