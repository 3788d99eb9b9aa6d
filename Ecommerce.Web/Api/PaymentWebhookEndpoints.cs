using System.Text.Json;
using Ecommerce.Core.Common;
using Ecommerce.Core.Payments;

namespace Ecommerce.Web.Api;

internal static class PaymentWebhookEndpoints
{
    /// <summary>Stripe events are small; anything this big is not one.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Payment providers' webhooks. Anonymous and without antiforgery (a server calls them, not a browser form): the
    /// provider's signature over the raw body is the authentication, checked before anything is believed.
    /// </summary>
    public static IEndpointRouteBuilder MapPaymentWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/webhooks").WithTags("Payments").AllowAnonymous().DisableAntiforgery().WithProblemMapping();

        group.MapPost("/stripe", async (HttpRequest request, StripeWebhooks webhooks) =>
        {
            // The exact bytes Stripe signed: the body is never parsed or re-encoded before the signature is checked.
            var payload = await ReadRawBodyAsync(request);
            var outcome = await webhooks.ReceiveAsync(payload, request.Headers["Stripe-Signature"].ToString(), request.HttpContext.RequestAborted);
            return Results.Ok(new { received = true, outcome = outcome.ToString().ToLowerInvariant() });
        })
        .WithName("StripeWebhook")
        .WithSummary("Receives Stripe events (payment_intent.succeeded, payment_intent.payment_failed), verified by their Stripe-Signature header.")
        .Accepts<JsonElement>("application/json")
        .Produces(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static async Task<byte[]> ReadRawBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes) throw ValidationException.For("body", "is too large for a webhook event");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw ValidationException.For("body", "is too large for a webhook event");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
