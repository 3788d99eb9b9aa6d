using Ecommerce.Core.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Web.Api;

/// <summary>A shopper's orders over HTTP (ShopperOrders): the list, and one order with its shop orders, lines and timeline.</summary>
internal static class StoreOrderEndpoints
{
    public static void MapStoreOrders(this RouteGroupBuilder store)
    {
        var orders = store.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("", ListAsync).Describe("ListMyOrders", "The signed-in shopper's orders, newest first, a page at a time")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Orders per page, 1 to 100 (default 20)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        orders.MapGet("/{number:orderNumber}", GetAsync).Describe("GetMyOrder",
                "One of the caller's orders (a guest's: with the X-Cart-Token it was placed with): shop orders, lines, totals, status and timeline")
            .ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("/{number:orderNumber}/returns", RequestReturnAsync).Describe("RequestReturn",
                "Ask to return delivered units of one shop's part of the signed-in shopper's order, with a reason; the merchant decides")
            .Accepts<ReturnRequestBody>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<OrderPageResponse>, ProblemHttpResult>> ListAsync(HttpRequest request, ShopperOrders orders)
    {
        var caller = StoreCaller.From(request.HttpContext.User, null);
        if (caller.UserId is not { } userId)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Sign in (bearer token or cookie) to list your orders; a guest looks an order up by its number.");
        var page = await orders.ListAsync(userId, request.QueryInt("page", 1, 1_000_000), request.QueryInt("pageSize", 1, Ecommerce.Core.Common.PageRequest.MaxPageSize),
            request.HttpContext.RequestAborted);
        return TypedResults.Ok(OrderPageResponse.From(page));
    }

    private static async Task<Results<Created<ReturnResponse>, ProblemHttpResult>> RequestReturnAsync(string number, HttpRequest request, Returns returns)
    {
        if (StoreCaller.From(request.HttpContext.User, null).UserId is not { } userId)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Sign in (bearer token or cookie) to return items.");
        var body = await request.ReadJsonAsync<ReturnRequestBody>();
        var created = await returns.RequestAsync(userId, number, (body.Lines ?? []).Select(l => new ReturnLineRequest(l.OrderLineId, l.Quantity)).ToList(),
            body.Reason ?? "", request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(number.Trim().ToUpperInvariant())}", ReturnResponse.From(created));
    }

    private static async Task<Ok<OrderResponse>> GetAsync(string number, HttpContext context, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, ShopperOrders orders)
    {
        var caller = StoreCaller.From(context.User, cartToken);
        return TypedResults.Ok(OrderResponse.From(await orders.DetailAsync(number, caller.UserId, caller.Shopper, context.RequestAborted)));
    }
}
