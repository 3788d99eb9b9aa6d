namespace Ecommerce.Web.Hosting;

/// <summary>
/// Serves Blazor's script from the copy embedded at build time (see BlazorScript.targets for why).
/// Delete this file with BlazorScript.targets once the SDK can serve the script itself.
/// </summary>
internal static class BlazorScriptEndpoint
{
    public const string Path = "/_framework/blazor.web.js";

    public static IEndpointRouteBuilder MapBlazorScript(this IEndpointRouteBuilder endpoints)
    {
        var script = ReadScript();
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(script))[..16]}\"";
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(script, "text/javascript");
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static byte[] ReadScript()
    {
        using var stream = typeof(BlazorScriptEndpoint).Assembly.GetManifestResourceStream("blazor.web.js")
            ?? throw new InvalidOperationException("blazor.web.js was not embedded at build time; see BlazorScript.targets.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
