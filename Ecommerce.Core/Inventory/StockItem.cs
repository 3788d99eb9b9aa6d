using Ecommerce.Core.Common;

namespace Ecommerce.Core.Inventory;

/// <summary>
/// The stock of one variant. Only this folder changes it; reservations (checkout) and sales are
/// conditional updates on this row, never a read-then-write in C#.
/// </summary>
public class StockItem
{
    public int VariantId { get; set; }
    public int OnHand { get; set; }
    /// <summary>
    /// Units held by active reservations (checkouts and unpaid orders). Available = OnHand − Reserved; a
    /// reservation is taken with <c>UPDATE … SET reserved = reserved + q WHERE on_hand - reserved &gt;= q</c>.
    /// </summary>
    public int Reserved { get; set; }
    [Stamped] public DateTime UpdatedAt { get; set; }

    public int Available => StockLevels.Available(OnHand, Reserved);
}
