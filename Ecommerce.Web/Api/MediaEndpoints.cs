using Ecommerce.Core.Media;

namespace Ecommerce.Web.Api;

/// <summary>
/// Serves the variants of uploaded images (never an original). A name never changes its bytes (a new upload gets a new
/// id), so every answer is cached forever.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MediaUrls.Prefix + "{fileName}", async (string fileName, MediaStore media, HttpContext context, CancellationToken cancellationToken) =>
            {
                if (await media.FindAsync(fileName, cancellationToken) is not { } found) return Results.NotFound();
                var headers = context.Response.Headers;
                headers.CacheControl = "public, max-age=31536000, immutable";
                // The type is the variant's own encoding; nosniff stops browsers guessing another.
                headers.XContentTypeOptions = "nosniff";
                return Results.File(found.Path, found.ContentType);
            })
            .WithName("Media")
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
