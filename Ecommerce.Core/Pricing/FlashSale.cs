using System.Linq.Expressions;
using Ecommerce.Core.Common;

namespace Ecommerce.Core.Pricing;

/// <summary>
/// A sale price for a time window, for a whole product or one variant, optionally capped in units
/// ("the first 100 at half price") and per customer. Checkout enforces the caps with conditional updates on
/// <see cref="SoldCount"/>; the merchant only schedules.
/// </summary>
public class FlashSale : IVersioned
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    /// <summary>Null: every variant of the product.</summary>
    public int? VariantId { get; set; }
    public decimal SalePrice { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public int? QuantityCap { get; set; }
    public int? PerCustomerLimit { get; set; }
    public int SoldCount { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public Guid Version { get; set; }

    /// <summary>A sale is live at <paramref name="now"/>: inside its window, with units left under its cap. The one definition.</summary>
    public static Expression<Func<FlashSale, bool>> LiveAt(DateTime now) =>
        f => f.StartsAt <= now && f.EndsAt > now && (f.QuantityCap == null || f.SoldCount < f.QuantityCap);
}
