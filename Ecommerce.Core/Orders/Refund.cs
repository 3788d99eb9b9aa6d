namespace Ecommerce.Core.Orders;

/// <summary>Pending while the provider is asked; Failed refunds count for nothing (their amount was given back).</summary>
public enum RefundStatus { Pending = 0, Succeeded = 1, Failed = 2 }

/// <summary>
/// Money given back for one shop order, whole or part, through the payment provider. Created by
/// <see cref="Refunds"/> (a merchant's or an admin's refund, or an approved return).
/// </summary>
public class Refund
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int ShopOrderId { get; set; }
    public int PaymentId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public required string Reason { get; set; }
    /// <summary>The user's id, null for the system or an API key.</summary>
    public string? ActorId { get; set; }
    /// <summary>The merchant's or admin's email, "shopper" or "system".</summary>
    public required string ActorName { get; set; }
    public string? ProviderRefundId { get; set; }
    public RefundStatus Status { get; set; }
    public string? FailureMessage { get; set; }
    /// <summary>The return this refund pays for, if any.</summary>
    public int? ReturnRequestId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
