namespace Ecommerce.Core.Orders;

public enum ReturnStatus { Requested = 0, Approved = 1, Refused = 2 }

/// <summary>
/// A shopper asking to send back delivered items of one shop order for a refund; the merchant approves (the
/// lines' share is refunded, optionally restocked) or refuses with a note. See <see cref="Returns"/>.
/// </summary>
public class ReturnRequest
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int ShopOrderId { get; set; }
    public ReturnStatus Status { get; set; }
    public required string Reason { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
    public bool Restocked { get; set; }
    public int? RefundId { get; set; }
    public List<ReturnLine> Lines { get; set; } = [];
}

public class ReturnLine
{
    public int Id { get; set; }
    public int ReturnRequestId { get; set; }
    public int OrderLineId { get; set; }
    public int Quantity { get; set; }
}
