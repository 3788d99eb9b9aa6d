using System.Text.Json;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Payments;

public enum StripeWebhookOutcome { Accepted, Duplicate, Ignored }

/// <summary>
/// Stripe's webhook events. Nothing in a body is believed before its signature is verified. PaymentIntent
/// successes and failures become <see cref="PaymentNotice"/>s accepted into the outbox (the event id makes a second
/// delivery a no-op, and the handler applies each outcome once), so a webhook that arrives twice, or before the
/// checkout has stored the PaymentIntent id, changes nothing twice: the notice carries the order id itself.
/// </summary>
public sealed class StripeWebhooks(
    IOptions<StripeOptions> options, PaymentNotifications notifications, IDbContextFactory<AppDbContext> contexts,
    TimeProvider clock, ILogger<StripeWebhooks> logger)
{
    public const string Succeeded = "payment_intent.succeeded";
    public const string PaymentFailed = "payment_intent.payment_failed";

    /// <summary>
    /// Verifies and applies one delivery. Throws <see cref="ValidationException"/> for a missing, forged or stale
    /// signature or a body that is not an event, and <see cref="NotFoundException"/> when no signing secret is set.
    /// </summary>
    public async Task<StripeWebhookOutcome> ReceiveAsync(byte[] payload, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(options.Value.WebhookSecret))
        {
            logger.LogWarning("A Stripe webhook arrived but Stripe:WebhookSecret is not set; it was refused");
            throw new NotFoundException("The Stripe webhook endpoint");
        }
        if (new StripeSignature(options.Value.WebhookSecret, clock).Problem(payload, signatureHeader) is { } problem)
        {
            logger.LogWarning("Refused a Stripe webhook: {Problem}", problem);
            throw ValidationException.For("Stripe-Signature", problem);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(payload);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw ValidationException.For("body", "is not a Stripe event (not JSON)");
        }
        var (eventId, type) = (root.Str("id"), root.Str("type"));
        if (eventId is not { Length: > 0 and <= 100 } || type is null) throw ValidationException.For("body", "is not a Stripe event (id and type are required)");
        if (type is not (Succeeded or PaymentFailed)) return StripeWebhookOutcome.Ignored;

        var intent = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("object", out var o) ? o : default;
        var metadata = intent.ValueKind == JsonValueKind.Object && intent.TryGetProperty("metadata", out var m) ? m : default;
        if (!int.TryParse(metadata.Str("order_id"), out var orderId) || metadata.Str("order_number") is not { } number)
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

        var error = intent.TryGetProperty("last_payment_error", out var e) ? e : default;
        // A success states what was received, so the order is paid only if it is the payment's amount, currency and intent (OrderPayments).
        var received = intent.TryGetProperty("amount_received", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt64(out var minor) ? minor
            : intent.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt64(out minor) ? minor : (long?)null;
        var currency = intent.Str("currency");
        if (type == Succeeded && (received is null || currency is not { Length: 3 } || intent.Str("id") is not { Length: > 0 }))
        {
            logger.LogWarning("Stripe event {EventId} ({Type}) for order {OrderId} states no intent id, amount or currency; ignored", eventId, type, orderId);
            return StripeWebhookOutcome.Ignored;
        }
        var notice = type == Succeeded
            ? new PaymentNotice(StripePaymentGateway.ProviderName, eventId, orderId, intent.Str("id"), true,
                Amount: StripeAmounts.FromMinorUnits(received!.Value, currency!), Currency: currency!.ToUpperInvariant())
            : new PaymentNotice(StripePaymentGateway.ProviderName, eventId, orderId, intent.Str("id"), false,
                error.ValueKind == JsonValueKind.Object ? StripePaymentGateway.DeclineCode(error) : null, error.Str("message") ?? "The payment failed.");
        var accepted = await notifications.AcceptAsync(notice, cancellationToken);
        logger.LogInformation("Stripe event {EventId} ({Type}) for order {OrderId}: {Outcome}", eventId, type, orderId, accepted ? "accepted" : "already seen");
        return accepted ? StripeWebhookOutcome.Accepted : StripeWebhookOutcome.Duplicate;
    }
}
