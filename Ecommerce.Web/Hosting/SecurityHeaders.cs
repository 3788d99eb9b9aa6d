namespace Ecommerce.Web.Hosting;

/// <summary>
/// The headers every response carries, pages, API, static files and error pages alike. The policy allows only the
/// site's own scripts: no inline script, no eval, no script from merchant text even if a renderer ever let one
/// through. Styles may be inline (Blazor and the component library set style attributes); images may come from
/// any https host (merchants link product pictures). Pages can be framed only by the site itself.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'self'";

    /// <summary>The site's policy, or the one an endpoint carries as <see cref="ContentSecurityPolicyMetadata"/> metadata.</summary>
    public static string PolicyFor(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy ?? ContentSecurityPolicy;

    private const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()";

    /// <summary>Outermost middleware: the headers are set as the response starts, after any error handler cleared it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context);
            headers.XFrameOptions = "SAMEORIGIN"; // for browsers that predate frame-ancestors
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

/// <summary>Endpoint metadata: the content security policy of this endpoint's responses instead of the site's.</summary>
internal sealed record ContentSecurityPolicyMetadata(string Policy);
