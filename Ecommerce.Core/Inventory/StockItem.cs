namespace Ecommerce.Core.Inventory;

/// <summary>
/// The stock of one variant. Only this folder changes it; reservations (checkout) and sales are
/// conditional updates on this row, never a read-then-write in C#.
/// </summary>
public class StockItem
{
    public int VariantId { get; set; }
    public int OnHand { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
