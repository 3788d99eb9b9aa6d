using Ecommerce.Core.Catalog;
using Ecommerce.Core.Shops;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>Shops (suspend, reinstate) and product moderation (unlist, relist) for admins.</summary>
internal static class AdminShopEndpoints
{
    public static void MapAdminShops(this RouteGroupBuilder admin)
    {
        var shops = admin.MapGroup("/shops").WithTags("Admin: shops");
        shops.MapGet("", ListShopsAsync).Describe("AdminListShops", "Shops by name, slug or merchant (search), optionally of one status (Active, Suspended), newest first")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Shops per page, 1 to 100 (default 20)").ProducesValidationProblem();
        shops.MapPost("/{id:int}/suspend", SuspendAsync).Describe("AdminSuspendShop", "Suspend a shop with a reason its merchant sees: its products leave the storefront, search and checkout")
            .Accepts<ReasonRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        shops.MapPost("/{id:int}/reinstate", ReinstateAsync).Describe("AdminReinstateShop", "Reinstate a suspended shop, with a reason")
            .Accepts<ReasonRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var products = admin.MapGroup("/products").WithTags("Admin: moderation");
        products.MapGet("", ListProductsAsync).Describe("AdminListProducts", "Products by name, slug or shop name (search), of one shop (shopId), or only the unlisted ones (unlisted=true)")
            .WithIntQuery("shopId", "Only this shop's products").WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Products per page, 1 to 100 (default 20)")
            .ProducesValidationProblem();
        products.MapPost("/{id:int}/unlist", UnlistAsync).Describe("AdminUnlistProduct", "Take a product off sale everywhere, with a reason its merchant sees")
            .Accepts<ReasonRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        products.MapPost("/{id:int}/relist", RelistAsync).Describe("AdminRelistProduct", "Put an unlisted product back on sale (an optional reason)")
            .Accepts<ReasonRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<AdminPage<AdminShopResponse>>> ListShopsAsync(HttpRequest request, ShopSuspensions shops)
    {
        var page = await shops.ListAsync(request.QueryText("search"), request.QueryEnum<ShopStatus>("status"), request.Paging(), request.HttpContext.RequestAborted);
        return TypedResults.Ok(new AdminPage<AdminShopResponse>(page.Items.Select(AdminShopResponse.From).ToList(), page.Total, page.Page, page.PageSize));
    }

    private static async Task<NoContent> SuspendAsync(int id, HttpRequest request, ShopSuspensions shops)
    {
        var body = await request.ReadOptionalJsonAsync<ReasonRequest>();
        await shops.SuspendAsync(request.HttpContext.User.ToAuditActor(), id, body.Reason ?? "", request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ReinstateAsync(int id, HttpRequest request, ShopSuspensions shops)
    {
        var body = await request.ReadOptionalJsonAsync<ReasonRequest>();
        await shops.ReinstateAsync(request.HttpContext.User.ToAuditActor(), id, body.Reason ?? "", request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AdminPage<AdminProductResponse>>> ListProductsAsync(HttpRequest request, ProductModeration moderation)
    {
        var unlisted = request.Query["unlisted"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            _ => throw Ecommerce.Core.Common.ValidationException.For("unlisted", "must be true or false"),
        };
        var page = await moderation.SearchAsync(request.QueryText("search"), request.QueryInt("shopId", 1, int.MaxValue), unlisted, request.Paging(),
            request.HttpContext.RequestAborted);
        return TypedResults.Ok(new AdminPage<AdminProductResponse>(page.Items.Select(AdminProductResponse.From).ToList(), page.Total, page.Page, page.PageSize));
    }

    private static async Task<NoContent> UnlistAsync(int id, HttpRequest request, ProductModeration moderation)
    {
        var body = await request.ReadOptionalJsonAsync<ReasonRequest>();
        await moderation.UnlistAsync(request.HttpContext.User.ToAuditActor(), id, body.Reason ?? "", request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RelistAsync(int id, HttpRequest request, ProductModeration moderation)
    {
        var body = await request.ReadOptionalJsonAsync<ReasonRequest>();
        await moderation.RelistAsync(request.HttpContext.User.ToAuditActor(), id, body.Reason, request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }
}
