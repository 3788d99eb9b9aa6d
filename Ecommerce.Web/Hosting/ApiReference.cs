using Scalar.AspNetCore;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// The interactive API reference (Scalar) at /api/docs, over /openapi/v1.json. Its script is served from the package,
/// with no CDN and no web fonts from elsewhere. Scalar starts itself with an inline script, so this page alone allows
/// inline scripts (<see cref="SecurityHeaders.PolicyFor"/>); its content is the OpenAPI document, never user text.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/api/docs";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(Path, options => options
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .WithMetadata(new ContentSecurityPolicyMetadata(SecurityHeaders.ContentSecurityPolicy.Replace("script-src 'self';", "script-src 'self' 'unsafe-inline';")))
            .ExcludeFromDescription();
        return endpoints;
    }
}
