using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Payments;

/// <summary>
/// Stripe over its REST API (no SDK restores here): PaymentIntents created and confirmed in one call, read back for
/// reconciliation, and refunds. Form-encoded requests, JSON answers; every POST carries an Idempotency-Key, so a
/// retried call never charges or refunds twice. Card declines are answers (Declined); a 5xx, a timeout or an
/// unreadable answer is a <see cref="PaymentProviderException"/>, which the checkout turns into a clear failure.
/// </summary>
public sealed class StripePaymentGateway(HttpClient http, IOptions<StripeOptions> options, ILogger<StripePaymentGateway> logger) : IPaymentGateway
{
    /// <summary>In test mode, the platform's test card numbers stand for Stripe's test payment methods.</summary>
    private static readonly Dictionary<string, string> TestCards = new()
    {
        [SandboxPaymentGateway.SucceedsCard] = "pm_card_visa",
        [SandboxPaymentGateway.DeclinedCard] = "pm_card_chargeDeclined",
        [SandboxPaymentGateway.InsufficientFundsCard] = "pm_card_chargeDeclinedInsufficientFunds",
    };

    public const string ProviderName = "stripe";

    public string Name => ProviderName;

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        var (paymentMethod, refusal) = PaymentMethodFor(request.Method);
        if (refusal is not null) return refusal;

        var form = new Dictionary<string, string>
        {
            ["amount"] = StripeAmounts.ToMinorUnits(request.Amount, request.Currency).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = StripeAmounts.Currency(request.Currency),
            ["confirm"] = "true",
            ["payment_method"] = paymentMethod!,
            // Card payments confirmed on the server: no redirect-based methods, so no return_url is needed.
            ["automatic_payment_methods[enabled]"] = "true",
            ["automatic_payment_methods[allow_redirects]"] = "never",
            ["description"] = $"Order {request.OrderNumber}",
            ["metadata[order_id]"] = request.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["metadata[order_number]"] = request.OrderNumber,
            ["receipt_email"] = request.Email,
        };
        // Stripe remembers keys per account for a day; several databases (development, staging) on one test account
        // would all say "order-1-charge", so the key is scoped by the order's random number.
        var reply = await SendAsync(HttpMethod.Post, "v1/payment_intents", form, $"{request.IdempotencyKey}:{request.OrderNumber}", cancellationToken, conflictIsAnswer: true);
        // 409: another request with this key is still being processed. Nothing failed; that request's outcome (or the
        // webhook) decides, so the order stays pending.
        if (reply.Status == HttpStatusCode.Conflict)
        {
            logger.LogInformation("Stripe is still processing the charge of order {Number} (request {RequestId})", request.OrderNumber, reply.RequestId);
            return new ChargeResult(ChargeStatus.Processing, null, "in_progress");
        }
        if (!reply.IsSuccess) return Failure(reply, "charge");

        var result = FromPaymentIntent(reply.Body);
        if (reply.Body.Str("status") == "requires_action" && result.ProviderPaymentId is { } id)
            await CancelQuietlyAsync(id, cancellationToken);
        return result;
    }

    public async Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Get, $"v1/payment_intents/{Uri.EscapeDataString(providerPaymentId)}", null, null, cancellationToken);
        return reply.IsSuccess ? FromPaymentIntent(reply.Body) : Failure(reply, "look-up") with { ProviderPaymentId = providerPaymentId };
    }

    public async Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string>
        {
            ["payment_intent"] = providerPaymentId,
            ["amount"] = StripeAmounts.ToMinorUnits(amount, currency).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Scoped by the PaymentIntent id, which is unique across every database that shares the account.
        var reply = await SendAsync(HttpMethod.Post, "v1/refunds", form, $"{idempotencyKey}:{providerPaymentId}", cancellationToken);
        if (!reply.IsSuccess) return new RefundResult(false, null, Failure(reply, "refund").Message);
        var status = reply.Body.Str("status");
        return status is "failed" or "canceled"
            ? new RefundResult(false, reply.Body.Str("id"), $"The refund {status}" + (reply.Body.Str("failure_reason") is { } why ? $" ({why})." : "."))
            : new RefundResult(true, reply.Body.Str("id"));
    }

    private (string? PaymentMethod, ChargeResult? Refusal) PaymentMethodFor(PaymentMethodDetails method)
    {
        if (!string.IsNullOrWhiteSpace(method.PaymentMethodId))
        {
            var id = method.PaymentMethodId.Trim();
            return id.StartsWith("pm_", StringComparison.Ordinal) && id.Length <= 255 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                ? (id, null)
                : (null, new ChargeResult(ChargeStatus.Declined, null, "invalid_payment_method", "The payment method is not valid. Please enter your card again."));
        }
        if (options.Value.IsTestMode && TestCards.TryGetValue(method.DigitsOnly, out var testMethod)) return (testMethod, null);
        // Raw card numbers never go to Stripe from this server (that would put it in PCI scope): Stripe's card form sends them.
        return (null, new ChargeResult(ChargeStatus.Declined, null, "card_entry_required",
            "Cards must be entered through Stripe's secure card form; this card number was not sent."
            + (options.Value.IsTestMode ? " In test mode, use 4242 4242 4242 4242, 4000 0000 0000 0002 or 4000 0000 0000 9995." : "")));
    }

    private static ChargeResult FromPaymentIntent(JsonElement intent)
    {
        var id = intent.Str("id");
        return intent.Str("status") switch
        {
            "succeeded" => new ChargeResult(ChargeStatus.Succeeded, id),
            "processing" or "requires_capture" => new ChargeResult(ChargeStatus.Processing, id),
            "requires_payment_method" when intent.TryGetProperty("last_payment_error", out var error) && error.ValueKind == JsonValueKind.Object
                => new ChargeResult(ChargeStatus.Declined, id, DeclineCode(error), error.Str("message") ?? "Your card was declined."),
            "requires_action" => new ChargeResult(ChargeStatus.Failed, id, "authentication_required",
                "Your bank asks for 3-D Secure authentication, which this shop does not support yet. You have not been charged; please try another card."),
            "canceled" => new ChargeResult(ChargeStatus.Failed, id, "canceled", "The payment was cancelled."),
            var other => new ChargeResult(ChargeStatus.Failed, id, "incomplete", $"The payment was not completed (Stripe status: {other ?? "unknown"})."),
        };
    }

    /// <summary>A 4xx answer: a card decline (402 card_error) or a request Stripe refused.</summary>
    private ChargeResult Failure(Reply reply, string what)
    {
        var error = reply.Body.TryGetProperty("error", out var e) ? e : default; // Str() reads nothing from a missing object
        var type = error.Str("type");
        var message = error.Str("message");
        var intentId = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("payment_intent", out var intent) ? intent.Str("id") : null;
        if (reply.Status == HttpStatusCode.PaymentRequired && type == "card_error")
            return new ChargeResult(ChargeStatus.Declined, intentId, DeclineCode(error), message ?? "Your card was declined.");

        logger.LogWarning("Stripe refused the {What} ({Status}, {Type}, request {RequestId}): {Message}", what, (int)reply.Status, type, reply.RequestId, message);
        if (reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            // Stripe's text names the key; the shopper only needs to know nothing was charged.
            return new ChargeResult(ChargeStatus.Failed, intentId, "provider_configuration", "The payment service is not set up correctly. You have not been charged.");
        return new ChargeResult(ChargeStatus.Failed, intentId, error.Str("code") ?? type,
            message ?? $"The payment service refused the {what} ({(int)reply.Status}).");
    }

    /// <summary>Like the Sandbox: "card_declined" for a generic decline, the specific reason (insufficient_funds...) otherwise.</summary>
    internal static string DeclineCode(JsonElement error) =>
        error.Str("decline_code") is { Length: > 0 } decline && decline != "generic_decline" ? decline : error.Str("code") ?? "card_declined";

    /// <summary>A PaymentIntent that waits for 3-D Secure would never be completed here: cancel it so it cannot be later.</summary>
    private async Task CancelQuietlyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await SendAsync(HttpMethod.Post, $"v1/payment_intents/{Uri.EscapeDataString(id)}/cancel",
                new Dictionary<string, string> { ["cancellation_reason"] = "abandoned" }, $"cancel:{id}", cancellationToken);
            if (!reply.IsSuccess) logger.LogWarning("Could not cancel Stripe PaymentIntent {Id} ({Status})", id, (int)reply.Status);
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e, "Could not cancel Stripe PaymentIntent {Id}", id);
        }
    }

    private sealed record Reply(HttpStatusCode Status, JsonElement Body, string? RequestId)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }

    /// <summary>
    /// One call. 2xx and 4xx come back as answers; anything that is not an answer throws. A 409 (the same key still in
    /// flight) is an answer only where the caller can wait for the outcome (<paramref name="conflictIsAnswer"/>).
    /// </summary>
    private async Task<Reply> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form, string? idempotencyKey,
        CancellationToken cancellationToken, bool conflictIsAnswer = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentProviderException($"Stripe did not answer within {http.Timeout.TotalSeconds:0} s ({method} /{path}).", e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException($"Stripe could not be reached ({method} /{path}): {e.Message}", e);
        }
        using (response)
        {
            var requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            var status = (int)response.StatusCode;
            // 5xx: Stripe's trouble; 429: too many requests; 409: the same idempotency key is still being processed.
            if (status == 409 && conflictIsAnswer) return new Reply(response.StatusCode, default, requestId);
            if (status >= 500 || status is 429 or 409)
                throw new PaymentProviderException($"Stripe answered {status} to {method} /{path} (request {requestId}); nothing was decided.");
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not a JSON object");
                return new Reply(response.StatusCode, document.RootElement.Clone(), requestId);
            }
            catch (JsonException e)
            {
                throw new PaymentProviderException($"Stripe's answer {status} to {method} /{path} is not readable JSON.", e);
            }
        }
    }
}

internal static class StripeJson
{
    /// <summary>A string property, or null when it is absent or not a string.</summary>
    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
