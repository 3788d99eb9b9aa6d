using Ecommerce.Core.Checkout;
using Microsoft.AspNetCore.Antiforgery;

namespace Ecommerce.Web.Components.Storefront.Checkout;

internal static class CheckoutFormEndpoints
{
    /// <summary>
    /// POST /checkout/hold: the open checkout page (site.js, every minute, with the page's antiforgery token in the
    /// RequestVerificationToken header) keeps its stock holds alive. Nothing depends on it: placing the order
    /// reserves afresh whatever an expired hold let go.
    /// </summary>
    public static IEndpointRouteBuilder MapCheckoutForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/checkout/hold", async (HttpContext http, IAntiforgery antiforgery, CheckoutService checkout) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.Problem("A valid antiforgery token is required.", statusCode: 400);
            var held = CheckoutHoldCookie.Read(http) is { } holder ? await checkout.RenewHoldAsync(holder, http.RequestAborted) : 0;
            return Results.Json(new { held });
        }).ExcludeFromDescription();
        return app;
    }
}
