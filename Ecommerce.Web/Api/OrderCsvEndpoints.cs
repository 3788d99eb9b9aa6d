using System.Security.Claims;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Shops;
using Ecommerce.Web.Hosting;

namespace Ecommerce.Web.Api;

/// <summary>The CSV download of a shop's orders for the merchant console (a plain link, like products.csv).</summary>
public static class OrderCsvEndpoints
{
    public static IEndpointRouteBuilder MapOrderCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/merchant/shops/{shopId:int}/orders.csv", async (int shopId, OrderStatus? status, ClaimsPrincipal user, MerchantShops shops,
                MerchantOrders orders, CancellationToken cancellationToken) =>
            {
                var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                if (userId is null || !await shops.OwnsAsync(userId, shopId, cancellationToken)) return Results.NotFound();
                return Results.Stream(stream => orders.ExportCsvAsync(shopId, status, stream, cancellationToken), "text/csv; charset=utf-8",
                    $"shop-{shopId}-orders.csv");
            })
            .RequireAuthorization(Policies.Merchant)
            .ExcludeFromDescription();
        return endpoints;
    }
}
