using System.Text;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace Ecommerce.Core.Payments;

public enum StripeWebhookOutcome { Accepted, Duplicate, Ignored }

/// <summary>
/// Stripe's webhook events, verified and parsed by Stripe.net (<see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>:
/// HMAC-SHA256 of the signed body, any matching v1 signature, at most 5 minutes off). Nothing in a body is believed
/// before that. PaymentIntent successes and failures become <see cref="PaymentNotice"/>s accepted into the outbox
/// (the event id makes a second delivery a no-op, and the handler applies each outcome once), so a webhook that
/// arrives twice, or before the checkout has stored the PaymentIntent id, changes nothing twice: the notice carries
/// the order id itself.
/// </summary>
public sealed class StripeWebhooks(
    IOptions<StripeOptions> options, PaymentNotifications notifications, IDbContextFactory<AppDbContext> contexts,
    TimeProvider clock, ILogger<StripeWebhooks> logger)
{
    public const string Succeeded = "payment_intent.succeeded";
    public const string PaymentFailed = "payment_intent.payment_failed";

    /// <summary>How far a signature's timestamp may be from now, either way, so a captured delivery cannot be replayed later.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(EventUtility.DefaultTimeTolerance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Verifies and applies one delivery. Throws <see cref="ValidationException"/> for a missing, forged or stale
    /// signature or a body that is not an event, and <see cref="NotFoundException"/> when no signing secret is set.
    /// </summary>
    public async Task<StripeWebhookOutcome> ReceiveAsync(byte[] payload, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            logger.LogWarning("A Stripe webhook arrived but Stripe:WebhookSecret is not set; it was refused");
            throw new NotFoundException("The Stripe webhook endpoint");
        }
        var stripeEvent = Verify(payload, signatureHeader, secret);
        var (eventId, type) = (stripeEvent.Id, stripeEvent.Type);
        if (eventId is not { Length: > 0 and <= 100 } || string.IsNullOrEmpty(type)) throw ValidationException.For("body", "is not a Stripe event (id and type are required)");
        if (type is not (Succeeded or PaymentFailed)) return StripeWebhookOutcome.Ignored;

        // Another API version than the pinned one (the webhook endpoint was created with another, or the account was
        // upgraded) is read all the same, deliberately: Stripe would retry a refusal for days while the order waits.
        // The fields read below (the intent's id, metadata, amount_received, currency, last_payment_error) have kept
        // their names and types across versions, each is checked before use, and OrderPayments believes a success only
        // with the payment's own intent, amount and currency: a field read wrong leaves the order waiting for the
        // reconciliation sweep (which asks Stripe in the pinned version), it never pays it. A body the SDK cannot read
        // at all was refused above with a 400 naming the version.
        if (stripeEvent.ApiVersion != StripeRegistration.ApiVersion)
            logger.LogWarning("Stripe event {EventId} is in API version {EventVersion}, not {Pinned}; read defensively. Align the webhook endpoint's version",
                eventId, stripeEvent.ApiVersion ?? "(none)", StripeRegistration.ApiVersion);

        var intent = stripeEvent.Data?.Object as PaymentIntent;
        var metadata = intent?.Metadata;
        if (intent is null || metadata is null || !int.TryParse(metadata.GetValueOrDefault("order_id"), out var orderId)
            || metadata.GetValueOrDefault("order_number") is not { } number)
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) names no order of this platform; ignored", eventId, type);
            return StripeWebhookOutcome.Ignored;
        }
        // One Stripe account may serve several databases (development and staging share test mode): the random
        // order number tells this platform's orders from another's order with the same id.
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Orders.AnyAsync(x => x.Id == orderId && x.Number == number, cancellationToken))
            {
                logger.LogWarning("Stripe event {EventId} is for order {OrderId} ({Number}), which is not in this database; ignored", eventId, orderId, number);
                return StripeWebhookOutcome.Ignored;
            }
        }

        // A success states what was received, so the order is paid only if it is the payment's amount, currency and intent (OrderPayments).
        if (type == Succeeded && (intent.AmountReceived <= 0 || intent.Currency is not { Length: 3 } || string.IsNullOrEmpty(intent.Id)))
        {
            logger.LogWarning("Stripe event {EventId} ({Type}) for order {OrderId} states no intent id, amount received or currency; ignored", eventId, type, orderId);
            return StripeWebhookOutcome.Ignored;
        }
        var error = intent.LastPaymentError;
        var notice = type == Succeeded
            ? new PaymentNotice(StripePaymentGateway.ProviderName, eventId, orderId, intent.Id, true,
                Amount: StripeAmounts.FromMinorUnits(intent.AmountReceived, intent.Currency!), Currency: intent.Currency!.ToUpperInvariant())
            : new PaymentNotice(StripePaymentGateway.ProviderName, eventId, orderId, intent.Id, false,
                error is null ? null : StripePaymentGateway.DeclineCode(error), error?.Message ?? "The payment failed.");
        var accepted = await notifications.AcceptAsync(notice, cancellationToken);
        logger.LogInformation("Stripe event {EventId} ({Type}) for order {OrderId}: {Outcome}", eventId, type, orderId, accepted ? "accepted" : "already seen");
        return accepted ? StripeWebhookOutcome.Accepted : StripeWebhookOutcome.Duplicate;
    }

    /// <summary>The event, if the header proves that Stripe sent this very body just now; a 400 saying why otherwise.</summary>
    private Event Verify(byte[] payload, string? signatureHeader, string secret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader)) throw Refused("the Stripe-Signature header is missing");
        string json;
        try
        {
            json = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            // Stripe signs UTF-8 text: decoding other bytes would change what the signature is checked against.
            throw Refused("the body is not UTF-8 text, so it is not what Stripe signed");
        }
        try
        {
            // The version mismatch is not an error here: see the comment on other API versions in ReceiveAsync.
            return EventUtility.ConstructEvent(json, signatureHeader, secret, (long)Tolerance.TotalSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            throw Refused(e.Message);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Refused("the Stripe-Signature header's timestamp is not a number");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // Genuinely signed, but not an event this SDK can read (not JSON, not an object, or a shape of another API version).
            logger.LogWarning(e, "Refused a signed Stripe webhook whose body is not a readable event (the pinned API version is {Pinned})", StripeRegistration.ApiVersion);
            throw ValidationException.For("body", $"is not a Stripe event readable in API version {StripeRegistration.ApiVersion}");
        }
    }

    private ValidationException Refused(string problem)
    {
        logger.LogWarning("Refused a Stripe webhook: {Problem}", problem);
        return ValidationException.For("Stripe-Signature", problem);
    }
}
