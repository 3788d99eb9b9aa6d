using Ecommerce.Core.Catalog;

namespace Ecommerce.Web.Api;

/// <summary>
/// Serves the pictures the platform draws itself (<see cref="ProductArt"/>): demo product images, shop logos and
/// banners. A (kind, seed) pair always gives the same SVG, so responses are cached forever.
/// </summary>
public static class GeneratedImageEndpoints
{
    public static IEndpointRouteBuilder MapGeneratedImages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ProductArt.UrlPrefix + "/{kind}/{seed:int}.svg", (string kind, int seed, HttpContext context) =>
            {
                var svg = ProductArt.Render(kind, seed);
                if (svg is null) return Results.NotFound();
                var headers = context.Response.Headers;
                headers.CacheControl = "public, max-age=31536000, immutable";
                // An SVG is a document that could carry script; ours never does, and this makes sure of it.
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
                headers.XContentTypeOptions = "nosniff";
                return Results.Text(svg, "image/svg+xml");
            })
            .WithName("GeneratedImage")
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
