using System.Security.Cryptography;
using System.Text;
using Ecommerce.Core.Events;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Payments;

/// <summary>Settings of section "Payments".</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";
    /// <summary>"Sandbox" (default) or "Stripe".</summary>
    public string Provider { get; set; } = "Sandbox";
    /// <summary>How long the Sandbox takes to send its confirmation, like a provider's webhook.</summary>
    public TimeSpan SandboxConfirmationDelay { get; set; } = TimeSpan.FromMilliseconds(300);
}

/// <summary>
/// A pretend payment provider that behaves like a real one's test mode, so everything can be tried without an
/// account: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 fails for
/// insufficient funds, any other number that passes the Luhn check succeeds. A success is "processing" at first;
/// the confirmation arrives a moment later as an asynchronous notice, as a webhook would. Like a real provider, which
/// keeps redelivering a webhook until it is taken, the confirmation is durable: it is accepted into the outbox when
/// the charge is made, not due before the delay, so a process killed in between still delivers it after a restart.
/// Its payment ids say how they ended, so <see cref="GetAsync"/> can answer after a restart, and they derive from the
/// idempotency key, so a charge retried with the same key is the same payment (confirmed once).
/// </summary>
public sealed class SandboxPaymentGateway(PaymentNotifications notifications, OutboxSignal signal, IOptions<PaymentOptions> options, TimeProvider clock) : IPaymentGateway
{
    public const string SucceedsCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";

    public string Name => "sandbox";

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        var card = request.Method.DigitsOnly;
        var result = card switch
        {
            DeclinedCard => new ChargeResult(ChargeStatus.Declined, "sbx_no_" + Guid.NewGuid().ToString("N"), "card_declined", "Your card was declined."),
            InsufficientFundsCard => new ChargeResult(ChargeStatus.Declined, "sbx_no_" + Guid.NewGuid().ToString("N"), "insufficient_funds", "Your card has insufficient funds."),
            _ when card.Length is < 12 or > 19 || !PassesLuhn(card) => new ChargeResult(ChargeStatus.Declined, null, "incorrect_number", "Your card number is incorrect."),
            _ when request.Method.ExpYear is { } y && request.Method.ExpMonth is { } m && new DateTime(Math.Clamp(y, 1, 9999), Math.Clamp(m, 1, 12), 1).AddMonths(1) <= clock.GetUtcNow().UtcDateTime
                => new ChargeResult(ChargeStatus.Declined, null, "expired_card", "Your card has expired."),
            _ => new ChargeResult(ChargeStatus.Processing, "sbx_ok_" + Hash(request.IdempotencyKey)),
        };
        if (result.Status == ChargeStatus.Processing) await ConfirmLaterAsync(request.OrderId, result.ProviderPaymentId!, cancellationToken);
        return result;
    }

    public Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(providerPaymentId.StartsWith("sbx_ok_", StringComparison.Ordinal)
            ? new ChargeResult(ChargeStatus.Succeeded, providerPaymentId)
            : new ChargeResult(ChargeStatus.Declined, providerPaymentId, "card_declined", "Your card was declined."));

    public Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(providerPaymentId.StartsWith("sbx_ok_", StringComparison.Ordinal)
            ? new RefundResult(true, "sbx_re_" + Hash(idempotencyKey)[..24])
            : new RefundResult(false, null, "Nothing was charged on this payment."));

    /// <summary>The "webhook", written now and due after the delay; a second charge with the same key is accepted once.</summary>
    private async Task ConfirmLaterAsync(int orderId, string paymentId, CancellationToken cancellationToken)
    {
        var delay = options.Value.SandboxConfirmationDelay;
        try
        {
            await notifications.AcceptAsync(new PaymentNotice(Name, "evt_" + paymentId, orderId, paymentId, Succeeded: true), delay, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The provider could not record the charge: to the checkout this is a provider that did not answer.
            throw new PaymentProviderException("The Sandbox could not record the payment.", e);
        }
        // Only a wake-up for this node's dispatcher once the notice is due; the notice itself is in the database.
        _ = Task.Delay(delay, CancellationToken.None).ContinueWith(_ => signal.Notify(), TaskScheduler.Default);
    }

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32].ToLowerInvariant();

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return digits.Length > 0 && sum % 10 == 0;
    }
}
