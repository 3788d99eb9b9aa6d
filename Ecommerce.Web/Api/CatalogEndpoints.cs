using Ecommerce.Core.Media;
using Ecommerce.Core.Search;

namespace Ecommerce.Web.Api;

internal static class CatalogEndpoints
{
    /// <summary>
    /// A product as its page shows it, for shoppers' apps: variants with price and stock. Served by the node's search
    /// index while the database is away (stock as last known), like the page.
    /// </summary>
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/catalog/products/{slug}", async (string slug, ProductListings listings, MediaFolder media, HttpContext context) =>
        {
            var product = await listings.ProductAsync(slug, context.RequestAborted);
            if (product is null || product.Variants.Count == 0)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No product on sale has this address.");
            return Results.Ok(new
            {
                id = product.Id, name = product.Name, slug = product.Slug, url = $"/p/{product.Slug}", description = product.Description,
                brand = product.Brand, shop = new { id = product.ShopId, name = product.ShopName, slug = product.ShopSlug },
                category = new { name = product.Category.Name, slug = product.Category.Slug },
                images = product.Images.OrderBy(i => i.Position).Select(i => new { url = i.Url, alt = i.AltText, sizes = ImageSizesResponse.Of(media, i.Url) }),
                variants = product.Variants.Select(v => new
                {
                    id = v.Id, sku = v.Sku, title = v.Title, options = v.Options, price = v.Price, compare_at_price = v.CompareAtPrice,
                    currency = v.Currency, available = v.Available,
                }),
                in_stock = product.InStock,
            });
        }).WithTags("Catalog").AllowAnonymous().WithName("GetCatalogProduct")
          .WithSummary("A product on sale by its slug, with its variants' prices and stock (stock as last known while the database is away).");
        return endpoints;
    }
}
