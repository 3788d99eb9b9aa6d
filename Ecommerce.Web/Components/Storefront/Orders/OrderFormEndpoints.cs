using System.Security.Claims;
using Ecommerce.Core.Common;
using Ecommerce.Core.Orders;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Web.Components.Storefront.Orders;

/// <summary>The order page's form posts: a signed-in shopper cancels an order that has not shipped, or asks to return delivered items.</summary>
internal static class OrderFormEndpoints
{
    public static IEndpointRouteBuilder MapOrderForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/orders/{number}/cancel", async (string number, HttpContext http, ShopperCancellation cancellation, IAntiforgery antiforgery, [FromForm] string? reason) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Problem(title: "This form has expired", detail: "Go back, reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
                var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
                try
                {
                    var refunds = await cancellation.CancelAsync(userId, number, reason?.Length > 300 ? reason[..300] : reason, http.RequestAborted);
                    new Flash(refunds.Any(r => r.Status == RefundStatus.Failed)
                        ? "Your order was cancelled, but the payment provider refused the refund. Our team has been told and will make it; you need do nothing."
                        : "Your order was cancelled. The refund is on its way to your card.").Send(http);
                }
                catch (NotFoundException) { return Results.NotFound(); }
                catch (DomainException e) { new Flash(FieldError.Describe(e), IsError: true).Send(http); }
                return Results.Redirect($"/orders/{Uri.EscapeDataString(number)}");
            })
            .RequireAuthorization()
            .DisableAntiforgery() // checked above, so an expired form gets a readable answer
            .ExcludeFromDescription();
        app.MapPost("/orders/{number}/returns", async (string number, HttpContext http, Returns returns, IAntiforgery antiforgery,
                [FromForm] int? line, [FromForm] int? quantity, [FromForm] string? reason) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Problem(title: "This form has expired", detail: "Go back, reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
                var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
                try
                {
                    await returns.RequestAsync(userId, number, [new ReturnLineRequest(line ?? 0, quantity ?? 0)], reason ?? "", http.RequestAborted);
                    new Flash("Your return was requested. The shop will answer here.").Send(http);
                }
                catch (NotFoundException) { return Results.NotFound(); }
                catch (DomainException e) { new Flash(FieldError.Describe(e), IsError: true).Send(http); }
                return Results.Redirect($"/orders/{Uri.EscapeDataString(number)}");
            })
            .RequireAuthorization()
            .DisableAntiforgery() // checked above, so an expired form gets a readable answer
            .ExcludeFromDescription();
        return app;
    }
}
