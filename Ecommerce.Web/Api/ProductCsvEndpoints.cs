using System.Security.Claims;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Shops;
using Ecommerce.Web.Hosting;

namespace Ecommerce.Web.Api;

/// <summary>
/// The CSV download of a shop's catalogue for the merchant console (a plain link, no JavaScript). Import is done
/// in the console page itself, over the circuit, so it can show progress.
/// </summary>
public static class ProductCsvEndpoints
{
    public static IEndpointRouteBuilder MapProductCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/merchant/shops/{shopId:int}/products.csv", async (int shopId, ClaimsPrincipal user, MerchantShops shops,
                ProductCsv csv, CancellationToken cancellationToken) =>
            {
                // Another merchant's shop is answered exactly like a shop that does not exist.
                var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                if (userId is null || !await shops.OwnsAsync(userId, shopId, cancellationToken)) return Results.NotFound();
                return Results.Stream(stream => csv.ExportAsync(shopId, stream, cancellationToken), "text/csv; charset=utf-8",
                    $"shop-{shopId}-products.csv");
            })
            .RequireAuthorization(Policies.Merchant)
            .ExcludeFromDescription();
        return endpoints;
    }
}
