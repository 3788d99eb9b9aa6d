using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// Counting coupon uses with conditional statements, so limits hold however many checkouts race: the total
/// with <c>used_count &lt; usage_limit</c>, the customer's with an upsert that may not pass the per-customer limit.
/// </summary>
public static class CouponUses
{
    /// <summary>Takes one use for the customer; null when it could, else why not (in words for the shopper, after the code).</summary>
    public static async Task<string?> TakeAsync(AppDbContext db, int couponId, string customerKey, int? perCustomerLimit, CancellationToken cancellationToken)
    {
        var taken = await db.Coupons.Where(c => c.Id == couponId && c.IsActive && (c.UsageLimit == null || c.UsedCount < c.UsageLimit))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), cancellationToken);
        if (taken == 0) return "has reached its usage limit";
        var limit = perCustomerLimit ?? int.MaxValue;
        var counted = db.IsSqlServer
            ? await db.Database.ExecuteSqlRawAsync(SqlServer.CountUse, [couponId, customerKey, limit], cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                INSERT INTO coupon_redemptions (coupon_id, customer_key, count) VALUES ({couponId}, {customerKey}, 1)
                ON CONFLICT (coupon_id, customer_key) DO UPDATE SET count = coupon_redemptions.count + 1
                WHERE coupon_redemptions.count + 1 <= {limit}
                """, cancellationToken);
        return counted == 1 ? null : $"can be used {perCustomerLimit} time{(perCustomerLimit == 1 ? "" : "s")} per customer, and you already have";
    }

    public static async Task GiveBackAsync(AppDbContext db, int couponId, string customerKey, CancellationToken cancellationToken)
    {
        await db.Coupons.Where(c => c.Id == couponId && c.UsedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount - 1), cancellationToken);
        await db.CouponRedemptions.Where(r => r.CouponId == couponId && r.CustomerKey == customerKey && r.Count > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count - 1), cancellationToken);
    }

    [SqlServerStatements]
    internal static class SqlServer
    {
        // The same conditional upsert as one MERGE; HOLDLOCK keeps the key range locked from the match to the write,
        // so two first uses by one customer cannot both insert.
        public const string CountUse = """
            MERGE coupon_redemptions WITH (HOLDLOCK) AS r
            USING (SELECT {0} AS coupon_id, {1} AS customer_key) AS u
               ON r.coupon_id = u.coupon_id AND r.customer_key = u.customer_key
             WHEN MATCHED AND r.count + 1 <= {2} THEN UPDATE SET count = r.count + 1
             WHEN NOT MATCHED THEN INSERT (coupon_id, customer_key, count) VALUES (u.coupon_id, u.customer_key, 1);
            """;
    }
}
