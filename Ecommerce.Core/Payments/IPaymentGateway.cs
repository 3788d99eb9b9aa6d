namespace Ecommerce.Core.Payments;

/// <summary>
/// How the shopper pays: a card number (the Sandbox's test cards; with Stripe in test mode the same numbers are
/// mapped to Stripe's test payment methods) or a provider payment-method id (Stripe Elements' "pm_…").
/// Never stored; only the last four digits reach the database.
/// </summary>
public sealed record PaymentMethodDetails(string? CardNumber = null, int? ExpMonth = null, int? ExpYear = null, string? Cvc = null, string? PaymentMethodId = null)
{
    public string DigitsOnly => new((CardNumber ?? "").Where(char.IsDigit).ToArray());
    public string? Last4 => DigitsOnly.Length >= 4 ? DigitsOnly[^4..] : null;
}

public sealed record ChargeRequest(int OrderId, string OrderNumber, decimal Amount, string Currency, string Email,
    PaymentMethodDetails Method, string IdempotencyKey);

public enum ChargeStatus { Succeeded, Processing, Declined, Failed }

/// <summary>
/// The provider's answer. Succeeded and Processing both mean "wait for (or take) the confirmation event";
/// Declined and Failed end the attempt with a reason the shopper can read.
/// </summary>
public sealed record ChargeResult(ChargeStatus Status, string? ProviderPaymentId, string? Code = null, string? Message = null)
{
    public bool IsFailure => Status is ChargeStatus.Declined or ChargeStatus.Failed;
}

public sealed record RefundResult(bool Succeeded, string? ProviderRefundId, string? Message = null);

/// <summary>
/// A payment provider. Selected by <c>Payments:Provider</c> ("Sandbox", the default, or "Stripe"). Every call
/// carries an idempotency key, so a retried request never charges or refunds twice. Confirmations also arrive
/// asynchronously, as a provider's webhook would, through <see cref="PaymentNotifications"/>.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>"sandbox" or "stripe": stored on each payment.</summary>
    string Name { get; }
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default);
    /// <summary>The current state of a payment at the provider (for reconciling an order whose confirmation never came).</summary>
    Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default);
    Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default);
}

/// <summary>The provider answered with something that is not a payment outcome (a 5xx, an unreadable body).</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);
