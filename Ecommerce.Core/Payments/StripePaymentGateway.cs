using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace Ecommerce.Core.Payments;

/// <summary>
/// Stripe through Stripe.net: PaymentIntents created and confirmed in one call, read back for reconciliation, and
/// refunds. Every POST carries our Idempotency-Key, so a retried call never charges or refunds twice. Card declines are
/// answers (Declined); a 5xx, a 429, a timeout or an unreadable answer is a <see cref="PaymentProviderException"/>,
/// which the checkout turns into "the payment service did not answer".
/// </summary>
public sealed class StripePaymentGateway(StripeClient stripe, IOptions<StripeOptions> options, ILogger<StripePaymentGateway> logger) : IPaymentGateway
{
    /// <summary>In test mode, the platform's test card numbers stand for Stripe's test payment methods.</summary>
    private static readonly Dictionary<string, string> TestCards = new()
    {
        [SandboxPaymentGateway.SucceedsCard] = "pm_card_visa",
        [SandboxPaymentGateway.DeclinedCard] = "pm_card_chargeDeclined",
        [SandboxPaymentGateway.InsufficientFundsCard] = "pm_card_chargeDeclinedInsufficientFunds",
    };

    public const string ProviderName = "stripe";

    private readonly PaymentIntentService _intents = new(stripe);
    private readonly RefundService _refunds = new(stripe);

    public string Name => ProviderName;

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        var (paymentMethod, refusal) = PaymentMethodFor(request.Method);
        if (refusal is not null) return refusal;

        var create = new PaymentIntentCreateOptions
        {
            Amount = StripeAmounts.ToMinorUnits(request.Amount, request.Currency),
            Currency = StripeAmounts.Currency(request.Currency),
            Confirm = true,
            PaymentMethod = paymentMethod,
            // Card payments confirmed on the server: no redirect-based methods, so no return_url is needed.
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
            Description = $"Order {request.OrderNumber}",
            Metadata = new Dictionary<string, string>
            {
                ["order_id"] = request.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["order_number"] = request.OrderNumber,
            },
            ReceiptEmail = request.Email,
        };
        // Stripe remembers keys per account for a day; several databases (development, staging) on one test account
        // would all say "order-1-charge", so the key is scoped by the order's random number.
        var key = new RequestOptions { IdempotencyKey = $"{request.IdempotencyKey}:{request.OrderNumber}" };
        var (intent, refused) = await CallAsync("charge", ct => _intents.CreateAsync(create, key, ct), cancellationToken, conflictIsAnswer: true);
        // 409: another request with this key is still being processed. Nothing failed; that request's outcome (or the
        // webhook) decides, so the order stays pending.
        if (refused?.HttpStatusCode == HttpStatusCode.Conflict)
        {
            logger.LogInformation("Stripe is still processing the charge of order {Number} (request {RequestId})", request.OrderNumber, refused.StripeResponse?.RequestId);
            return new ChargeResult(ChargeStatus.Processing, null, "in_progress");
        }
        if (refused is not null) return Failure(refused, "charge");

        var result = FromPaymentIntent(intent!);
        if (intent!.Status == "requires_action" && result.ProviderPaymentId is { } id)
            await CancelQuietlyAsync(id, cancellationToken);
        return result;
    }

    public async Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default)
    {
        var (intent, refused) = await CallAsync("look-up", ct => _intents.GetAsync(providerPaymentId, null, null, ct), cancellationToken);
        return refused is null ? FromPaymentIntent(intent!) : Failure(refused, "look-up") with { ProviderPaymentId = providerPaymentId };
    }

    public async Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var create = new RefundCreateOptions { PaymentIntent = providerPaymentId, Amount = StripeAmounts.ToMinorUnits(amount, currency) };
        // Scoped by the PaymentIntent id, which is unique across every database that shares the account.
        var key = new RequestOptions { IdempotencyKey = $"{idempotencyKey}:{providerPaymentId}" };
        var (refund, refused) = await CallAsync("refund", ct => _refunds.CreateAsync(create, key, ct), cancellationToken);
        if (refused is not null) return new RefundResult(false, null, Failure(refused, "refund").Message);
        return refund!.Status is "failed" or "canceled"
            ? new RefundResult(false, refund.Id, $"The refund {refund.Status}" + (refund.FailureReason is { } why ? $" ({why})." : "."))
            : new RefundResult(true, refund.Id);
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

    private static ChargeResult FromPaymentIntent(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => new ChargeResult(ChargeStatus.Succeeded, intent.Id),
        "processing" or "requires_capture" => new ChargeResult(ChargeStatus.Processing, intent.Id),
        "requires_payment_method" when intent.LastPaymentError is { } error
            => new ChargeResult(ChargeStatus.Declined, intent.Id, DeclineCode(error), error.Message ?? "Your card was declined."),
        "requires_action" => new ChargeResult(ChargeStatus.Failed, intent.Id, "authentication_required",
            "Your bank asks for 3-D Secure authentication, which this shop does not support yet. You have not been charged; please try another card."),
        "canceled" => new ChargeResult(ChargeStatus.Failed, intent.Id, "canceled", "The payment was cancelled."),
        var other => new ChargeResult(ChargeStatus.Failed, intent.Id, "incomplete", $"The payment was not completed (Stripe status: {other ?? "unknown"})."),
    };

    /// <summary>A 4xx answer: a card decline (402 card_error) or a request Stripe refused.</summary>
    private ChargeResult Failure(StripeException refused, string what)
    {
        var error = refused.StripeError;
        var intentId = error.PaymentIntent?.Id;
        if (refused.HttpStatusCode == HttpStatusCode.PaymentRequired && error.Type == "card_error")
            return new ChargeResult(ChargeStatus.Declined, intentId, DeclineCode(error), error.Message ?? "Your card was declined.");

        logger.LogWarning("Stripe refused the {What} ({Status}, {Type}, request {RequestId}): {Message}",
            what, (int)refused.HttpStatusCode, error.Type, refused.StripeResponse?.RequestId, error.Message);
        if (refused.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            // Stripe's text names the key; the shopper only needs to know nothing was charged.
            return new ChargeResult(ChargeStatus.Failed, intentId, "provider_configuration", "The payment service is not set up correctly. You have not been charged.");
        return new ChargeResult(ChargeStatus.Failed, intentId, error.Code ?? error.Type,
            error.Message ?? $"The payment service refused the {what} ({(int)refused.HttpStatusCode}).");
    }

    /// <summary>Like the Sandbox: "card_declined" for a generic decline, the specific reason (insufficient_funds...) otherwise.</summary>
    internal static string DeclineCode(StripeError error) =>
        error.DeclineCode is { Length: > 0 } decline && decline != "generic_decline" ? decline : error.Code ?? "card_declined";

    /// <summary>A PaymentIntent that waits for 3-D Secure would never be completed here: cancel it so it cannot be later.</summary>
    private async Task CancelQuietlyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var (_, refused) = await CallAsync("cancellation", ct => _intents.CancelAsync(id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" },
                new RequestOptions { IdempotencyKey = $"cancel:{id}" }, ct), cancellationToken);
            if (refused is not null) logger.LogWarning("Could not cancel Stripe PaymentIntent {Id} ({Status})", id, (int)refused.HttpStatusCode);
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e, "Could not cancel Stripe PaymentIntent {Id}", id);
        }
    }

    /// <summary>
    /// One call through the SDK. A success, or a 4xx with Stripe's error (the refusal), comes back as an answer;
    /// anything that is not an answer throws <see cref="PaymentProviderException"/>. A 409 (the same key still in
    /// flight) is an answer only where the caller can wait for the outcome (<paramref name="conflictIsAnswer"/>).
    /// </summary>
    private async Task<(T? Value, StripeException? Refusal)> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call,
        CancellationToken cancellationToken, bool conflictIsAnswer = false) where T : class
    {
        try
        {
            return (await call(cancellationToken), null);
        }
        catch (StripeException e) when (e.StripeError is not null && (int)e.HttpStatusCode is >= 400 and < 500 and not 429
                                        && (e.HttpStatusCode != HttpStatusCode.Conflict || conflictIsAnswer))
        {
            return (null, e);
        }
        catch (StripeException e)
        {
            var status = (int)e.HttpStatusCode;
            // 5xx: Stripe's trouble; 429: too many requests; 409: the same idempotency key is still being processed.
            throw new PaymentProviderException(status >= 500 || status is 429 or 409
                ? $"Stripe answered {status} to the {what} (request {e.StripeResponse?.RequestId}); nothing was decided."
                : $"Stripe's answer {status} to the {what} is not readable.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentProviderException($"Stripe did not answer the {what} within {options.Value.Timeout.TotalSeconds:0.#} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException($"Stripe could not be reached for the {what}: {e.Message}", e);
        }
    }
}
