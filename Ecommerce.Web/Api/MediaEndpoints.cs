using Ecommerce.Core.Media;

namespace Ecommerce.Web.Api;

/// <summary>Serves uploaded images. A file never changes once stored (a new upload gets a new id), so it is cached forever.</summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{fileName}", async (string fileName, MediaStore media, HttpContext context, CancellationToken cancellationToken) =>
            {
                if (await media.FindAsync(fileName, cancellationToken) is not { } found) return Results.NotFound();
                var headers = context.Response.Headers;
                headers.CacheControl = "public, max-age=31536000, immutable";
                // The type is the one found in the bytes at upload; nosniff stops browsers guessing another.
                headers.XContentTypeOptions = "nosniff";
                return Results.File(found.Path, found.File.ContentType);
            })
            .WithName("Media")
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
