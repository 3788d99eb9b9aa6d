using Ecommerce.Core.Common;

namespace Ecommerce.Core.Inventory;

public enum ReservationStatus { Active = 0, Committed = 1, Released = 2, Expired = 3 }

/// <summary>
/// Units of a variant held for a checkout (its <see cref="HolderId"/>) and then for the order it became, until
/// <see cref="ExpiresAt"/>. Payment success commits it (on-hand goes down); failure, cancellation or expiry
/// releases it. A flash-sale unit claimed with it is released with it.
/// </summary>
public class StockReservation
{
    public long Id { get; set; }
    public int VariantId { get; set; }
    public Guid HolderId { get; set; }
    public int? OrderId { get; set; }
    public int Quantity { get; set; }
    public ReservationStatus Status { get; set; }
    public DateTime ExpiresAt { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
    /// <summary>The flash sale whose price this reservation holds, and whose cap it counts against.</summary>
    public int? FlashSaleId { get; set; }
    /// <summary>Who the flash-sale per-customer limit counts this against.</summary>
    public string? CustomerKey { get; set; }
}
