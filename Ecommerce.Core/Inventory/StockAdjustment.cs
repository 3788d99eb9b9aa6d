using Ecommerce.Core.Common;

namespace Ecommerce.Core.Inventory;

/// <summary>A manual change of a variant's stock, with who made it and why (received, damaged, count...).</summary>
public class StockAdjustment
{
    public long Id { get; set; }
    public int VariantId { get; set; }
    public int Delta { get; set; }
    public int OnHandAfter { get; set; }
    public required string Reason { get; set; }
    public string? UserId { get; set; }
    [Stamped] public DateTime At { get; set; }
}
