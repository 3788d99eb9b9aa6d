using System.Linq.Expressions;
using Ecommerce.Core.Common;
using Microsoft.EntityFrameworkCore.Query;

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
    [Stamped] public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; }

    /// <summary>
    /// A sale is live at <paramref name="now"/>: inside its window (<see cref="InWindowAt"/>), with units left under its
    /// cap. Checkout, which also counts the units a buyer's own expired hold gives back, applies the window and its own cap test.
    /// </summary>
    public static Expression<Func<FlashSale, bool>> LiveAt(DateTime now)
    {
        var window = InWindowAt(now);
        var sale = window.Parameters[0];
        var unitsLeft = ReplacingExpressionVisitor.Replace(HasUnitsLeft.Parameters[0], sale, HasUnitsLeft.Body);
        return Expression.Lambda<Func<FlashSale, bool>>(Expression.AndAlso(window.Body, unitsLeft), sale);
    }

    private static readonly Expression<Func<FlashSale, bool>> HasUnitsLeft = f => f.QuantityCap == null || f.SoldCount < f.QuantityCap;

    /// <summary>The sale's window contains <paramref name="now"/> (start inclusive, end exclusive). The one definition of the window.</summary>
    public static Expression<Func<FlashSale, bool>> InWindowAt(DateTime now) => f => f.StartsAt <= now && f.EndsAt > now;
}
