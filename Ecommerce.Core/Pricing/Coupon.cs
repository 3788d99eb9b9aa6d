using Ecommerce.Core.Common;

namespace Ecommerce.Core.Pricing;

public enum CouponKind { Percentage = 0, Fixed = 1 }

/// <summary>
/// A shop's discount code: a percentage or a fixed amount off that shop's part of the order, within a window,
/// above a minimum spend, limited in total and per customer. Uses are counted with conditional updates when an
/// order is placed and given back when it fails, expires or is cancelled.
/// </summary>
public class Coupon : IVersioned
{
    public int Id { get; set; }
    public int ShopId { get; set; }
    /// <summary>Upper case; unique within the shop.</summary>
    public required string Code { get; set; }
    public CouponKind Kind { get; set; }
    /// <summary>Percent (1–100) or an amount in the shop's currency.</summary>
    public decimal Value { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public decimal? MinimumSpend { get; set; }
    public int? UsageLimit { get; set; }
    public int? PerCustomerLimit { get; set; }
    public int UsedCount { get; set; }
    public bool IsActive { get; set; } = true;
    [Stamped] public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; }

    /// <summary>The discount on a shop subtotal, never more than the subtotal.</summary>
    public decimal DiscountOn(decimal subtotal) => Math.Min(subtotal, Kind == CouponKind.Percentage
        ? decimal.Round(subtotal * Value / 100m, 2, MidpointRounding.AwayFromZero)
        : Value);
}

/// <summary>How many times a customer has used a coupon (for its per-customer limit).</summary>
public class CouponRedemption
{
    public int CouponId { get; set; }
    public required string CustomerKey { get; set; }
    public int Count { get; set; }
}
