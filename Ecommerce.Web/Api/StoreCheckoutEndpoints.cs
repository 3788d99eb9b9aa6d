using Ecommerce.Core.Accounts;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Shipping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Web.Api;

/// <summary>
/// Checkout over HTTP (CheckoutService): a quote, then placing the order with an Idempotency-Key, for users and
/// guests. Prices, shipping, discounts and totals are the server's; the client names variants and quantities.
/// </summary>
internal static class StoreCheckoutEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapStoreCheckout(this RouteGroupBuilder store)
    {
        var checkout = store.MapGroup("/checkout").WithTags("Checkout");
        checkout.MapPost("/quote", QuoteAsync).Describe("QuoteCheckout", "Price lines (default: the cart) for an address, shipping choices and a coupon, with what stops the order")
            .Accepts<QuoteRequestBody>("application/json").ProducesValidationProblem();
        checkout.MapPost("", PlaceAsync).Describe("PlaceOrder",
                "Place an order (201; 200 with the same order when the Idempotency-Key was seen with the same request, 422 when with another), 402 when the payment is refused, 409 when something sold out")
            .Accepts<CheckoutRequest>("application/json")
            .Produces<CheckoutResponse>(StatusCodes.Status201Created).Produces<CheckoutResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireCheckoutLimits();
    }

    private static async Task<Ok<QuoteResponse>> QuoteAsync(HttpRequest request, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken,
        CartService carts, CheckoutService checkout)
    {
        var caller = StoreCaller.From(request.HttpContext.User, cartToken);
        var body = await request.ReadJsonAsync<QuoteRequestBody>();
        var lines = await LinesAsync(body, caller, carts, request.HttpContext.RequestAborted);
        DeliveryLocation? location = null;
        var fullAddress = false;
        if (body.ShipTo is { } shipTo)
        {
            // A quote needs only where (country, postal code, region); the full address is checked when the order is placed.
            var errors = new ValidationErrors();
            location = shipTo.ToAddress().Normalised(errors, "shipTo").Location
                ?? throw ValidationException.For("shipTo", "needs a valid country (two letters), postalCode and, where used, region");
            fullAddress = !errors.Any;
        }
        var quote = await checkout.QuoteAsync(new QuoteRequest(lines, location, fullAddress, body.ShippingChoices, body.CouponCode), request.HttpContext.RequestAborted);
        return TypedResults.Ok(QuoteResponse.From(quote));
    }

    private static async Task<IResult> PlaceAsync(HttpRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, CartService carts, CheckoutService checkout, UserManager<AppUser> users)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            throw ValidationException.For(IdempotencyKeyHeader, "header is required: a new UUID for each order, sent again unchanged when retrying it");
        // Two keys (two headers, which the binder joins with a comma, or one folded by a proxy) cannot say which order this is.
        if (request.Headers[IdempotencyKeyHeader].Count > 1 || idempotencyKey.Contains(','))
            throw ValidationException.For(IdempotencyKeyHeader, "must be sent once, with one key (a new UUID for each order); two keys cannot tell which order this is");
        var caller = StoreCaller.From(request.HttpContext.User, cartToken);
        var body = await request.ReadJsonAsync<CheckoutRequest>();
        var lines = await LinesAsync(body, caller, carts, request.HttpContext.RequestAborted);
        var email = !string.IsNullOrWhiteSpace(body.Email) ? body.Email
            : caller.Email ?? (caller.UserId is { } id ? (await users.FindByIdAsync(id))?.Email : null);

        // Not cancelled when the client goes away: an order half placed would hold its stock until it expired.
        var result = await checkout.PlaceOrderAsync(new Buyer(caller.UserId, email ?? "", caller.Shopper),
            new PlaceOrderRequest(lines, body.ShipTo?.ToAddress() ?? new PostalAddress(), body.Payment?.ToDetails()!, idempotencyKey,
                body.ShippingChoices, body.CouponCode, LinesFromCart: body.Lines is null), CancellationToken.None);

        var response = CheckoutResponse.From(result);
        if (result.PaymentProblem is { } problem)
            return TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Payment refused", detail: problem,
                extensions: new Dictionary<string, object?> { ["orderId"] = result.OrderId, ["number"] = result.Number, ["orderStatus"] = result.Status.ToString() });
        return result.Created ? TypedResults.Created($"/api/v1/orders/{result.Number}", response) : TypedResults.Ok(response);
    }

    /// <summary>The lines the body names, or else the caller's cart.</summary>
    private static async Task<IReadOnlyList<LineRequest>> LinesAsync(QuoteRequestBody body, StoreCaller caller, CartService carts, CancellationToken cancellationToken)
    {
        if (body.Lines is null) return await carts.LinesAsync(caller.Cart, cancellationToken);
        var errors = new ValidationErrors();
        for (var i = 0; i < body.Lines.Count; i++)
            if (body.Lines[i] is null) errors.Add($"lines[{i}]", "must be an object with variantId and quantity");
        errors.ThrowIfAny();
        return body.Lines.Select(l => new LineRequest(l.VariantId, l.Quantity)).ToList();
    }
}
