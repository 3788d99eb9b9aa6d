using Ecommerce.Core.Common;

namespace Ecommerce.Core.Payments;

public enum PaymentStatus { Pending = 0, Succeeded = 1, Failed = 2 }

/// <summary>
/// The charge for one order at a payment provider. Moved from Pending only by conditional updates, so a webhook
/// that arrives twice, or before the checkout's own answer, changes it once.
/// </summary>
public class Payment : IVersioned
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    /// <summary>"sandbox" or "stripe".</summary>
    public required string Provider { get; set; }
    /// <summary>The provider's id (a PaymentIntent id for Stripe); null until the provider answered.</summary>
    public string? ProviderPaymentId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public PaymentStatus Status { get; set; }
    public decimal RefundedAmount { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// A provider notification (webhook event) already accepted, by its provider event id: the second delivery of
/// the same event is recognised and ignored.
/// </summary>
public class PaymentNotification
{
    public required string Provider { get; set; }
    public required string EventId { get; set; }
    public DateTime ReceivedAt { get; set; }
}
