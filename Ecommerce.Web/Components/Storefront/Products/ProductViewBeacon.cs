using Ecommerce.Core.Analytics;
using Ecommerce.Web.Components.Shared;

namespace Ecommerce.Web.Components.Storefront.Products;

/// <summary>
/// A product page's 1×1 image that counts the view and adds the product to the visitor's recently viewed cookie.
/// The page itself may be one cached for every anonymous visitor (Hosting/StorefrontCache.cs), so it cannot do either;
/// an image loads without JavaScript, and this answer is never cached.
/// </summary>
internal static class ProductViewBeacon
{
    // The smallest transparent GIF.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static string UrlFor(int productId) => $"/p/{productId}/seen.gif";

    public static IEndpointRouteBuilder MapProductViewBeacon(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{productId:int}/seen.gif", async (HttpContext http, int productId, ProductViews views) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            // An id no product can have is neither counted nor remembered (a 404 image shows nothing either way).
            if (!await views.RecordIfProductAsync(productId, http.RequestAborted)) return Results.NotFound();
            RecentlyViewed.Add(http, productId);
            return Results.File(Pixel, "image/gif");
        }).ExcludeFromDescription();
        return app;
    }
}
