using Ecommerce.Core.Common;
using Ecommerce.Core.Orders;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>All orders for admins: search, one order with everything that happened to it, and refunds (Refunds, shop = null).</summary>
internal static class AdminOrderEndpoints
{
    public static void MapAdminOrders(this RouteGroupBuilder admin)
    {
        var orders = admin.MapGroup("/orders").WithTags("Admin: orders");
        orders.MapGet("", ListAsync).Describe("AdminListOrders", "All orders by number, shopper email or shop name (search), newest first")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Orders per page, 1 to 100 (default 20)").ProducesValidationProblem();
        orders.MapGet("/{number:orderNumber}", GetAsync).Describe("AdminGetOrder", "One order: shop orders, lines, payments, refunds, shipments, returns and the full history")
            .ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("/{number:orderNumber}/refunds", RefundAsync).Describe("AdminRefundOrder", "Refund a shop order of this order, whole or part, with a required reason")
            .Accepts<AdminRefundRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<AdminPage<AdminOrderResponse>>> ListAsync(HttpRequest request, AdminOrders orders)
    {
        var page = await orders.SearchAsync(request.QueryText("search"), request.Paging(), request.HttpContext.RequestAborted);
        return TypedResults.Ok(new AdminPage<AdminOrderResponse>(page.Items.Select(AdminOrderResponse.From).ToList(), page.Total, page.Page, page.PageSize));
    }

    private static async Task<Ok<AdminOrderDetailResponse>> GetAsync(string number, HttpContext context, AdminOrders orders) =>
        TypedResults.Ok(AdminOrderDetailResponse.From(await orders.DetailAsync(number, context.RequestAborted)));

    private static async Task<Created<AdminRefundResponse>> RefundAsync(string number, HttpRequest request, AdminOrders orders, Refunds refunds)
    {
        var body = await request.ReadJsonAsync<AdminRefundRequest>();
        if (body.ShopOrderId is not { } shopOrderId) throw ValidationException.For("shopOrderId", "is required");
        if (body.Amount is not { } amount) throw ValidationException.For("amount", "is required");
        // The shop order must belong to the order in the URL: an admin refunding from one order's page never touches another.
        var order = await orders.DetailAsync(number, request.HttpContext.RequestAborted);
        if (order.Order.ShopOrders.All(s => s.Id != shopOrderId)) throw ValidationException.For("shopOrderId", $"is not a shop order of {order.Order.Number}");
        var refund = await refunds.RefundAsync(null, shopOrderId, amount, body.Reason ?? "", request.HttpContext.User.ToAuditActor(),
            cancellationToken: request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/v1/admin/orders/{order.Order.Number}", AdminRefundResponse.From(refund));
    }
}

public sealed class AdminRefundRequest
{
    public int? ShopOrderId { get; init; }
    public decimal? Amount { get; init; }
    public string? Reason { get; init; }
}

public sealed record AdminOrderResponse(string Number, DateTime PlacedAt, string Email, string Status, decimal Total, string Currency, IReadOnlyList<string> Shops)
{
    public static AdminOrderResponse From(AdminOrderRow r) => new(r.Number, r.PlacedAt, r.Email, r.Status.ToString(), r.Total, r.Currency, r.Shops);
}

public sealed record AdminRefundResponse(int Id, int ShopOrderId, decimal Amount, string Currency, string Status, string Reason, string By, string? FailureMessage,
    int? ReturnRequestId, DateTime CreatedAt)
{
    public static AdminRefundResponse From(Refund r) =>
        new(r.Id, r.ShopOrderId, r.Amount, r.Currency, r.Status.ToString(), r.Reason, r.ActorName, r.FailureMessage, r.ReturnRequestId, r.CreatedAt);
}

public sealed record AdminOrderLineResponse(int Id, string ProductName, string VariantTitle, string Sku, decimal UnitPrice, int Quantity, decimal LineTotal,
    int QuantityShipped, int QuantityReturned);

public sealed record AdminShopOrderResponse(int Id, int ShopId, string Shop, string Status, decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax,
    decimal Total, decimal Refunded, IReadOnlyList<AdminOrderLineResponse> Lines);

public sealed record AdminPaymentResponse(int Id, string Provider, string Status, decimal Amount, decimal Refunded, string Currency, string? FailureMessage, DateTime CreatedAt);

public sealed record AdminShipmentResponse(int Id, int ShopOrderId, string Carrier, string TrackingNumber, DateTime ShippedAt, IReadOnlyList<AdminShipmentLineResponse> Lines);

public sealed record AdminShipmentLineResponse(int OrderLineId, int Quantity);

public sealed record AdminReturnResponse(int Id, int ShopOrderId, string Status, string Reason, DateTime RequestedAt, DateTime? DecidedAt, string? DecidedBy,
    string? DecisionNote, int? RefundId, IReadOnlyList<AdminShipmentLineResponse> Lines);

/// <summary>One move or note in the history, with who made it (an email for staff).</summary>
public sealed record AdminOrderStepResponse(DateTime At, int? ShopOrderId, string? From, string To, string Actor, string? Reason);

public sealed record AdminOrderDetailResponse(string Number, string Status, string Email, DateTime PlacedAt, DateTime? PaidAt, string Currency,
    decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total, IReadOnlyList<AdminShopOrderResponse> ShopOrders,
    IReadOnlyList<AdminPaymentResponse> Payments, IReadOnlyList<AdminRefundResponse> Refunds, IReadOnlyList<AdminShipmentResponse> Shipments,
    IReadOnlyList<AdminReturnResponse> Returns, IReadOnlyList<AdminOrderStepResponse> History)
{
    public static AdminOrderDetailResponse From(AdminOrderDetail d)
    {
        var o = d.Order;
        return new(o.Number, o.Status.ToString(), o.Email, o.PlacedAt, o.PaidAt, o.Currency, o.Subtotal, o.Discount, o.Shipping, o.Tax, o.Total,
            o.ShopOrders.Select(s => new AdminShopOrderResponse(s.Id, s.ShopId, s.ShopName, s.Status.ToString(), s.Subtotal, s.Discount, s.Shipping, s.Tax, s.Total,
                s.RefundedAmount, s.Lines.Select(l => new AdminOrderLineResponse(l.Id, l.ProductName, l.VariantTitle, l.Sku, l.UnitPrice, l.Quantity, l.LineTotal,
                    l.QuantityShipped, l.QuantityReturned)).ToList())).ToList(),
            d.Payments.Select(p => new AdminPaymentResponse(p.Id, p.Provider, p.Status.ToString(), p.Amount, p.RefundedAmount, p.Currency, p.FailureMessage, p.CreatedAt)).ToList(),
            d.Refunds.Select(AdminRefundResponse.From).ToList(),
            d.Shipments.Select(s => new AdminShipmentResponse(s.Id, s.ShopOrderId, s.Carrier, s.TrackingNumber, s.ShippedAt,
                s.Lines.Select(l => new AdminShipmentLineResponse(l.OrderLineId, l.Quantity)).ToList())).ToList(),
            d.Returns.Select(r => new AdminReturnResponse(r.Id, r.ShopOrderId, r.Status.ToString(), r.Reason, r.RequestedAt, r.DecidedAt, r.DecidedBy, r.DecisionNote,
                r.RefundId, r.Lines.Select(l => new AdminShipmentLineResponse(l.OrderLineId, l.Quantity)).ToList())).ToList(),
            o.History.Select(h => new AdminOrderStepResponse(h.At, h.ShopOrderId, h.From?.ToString(), h.To.ToString(), h.Actor, h.Reason)).ToList());
    }
}
