using System.Text.RegularExpressions;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Pricing;

/// <summary>What a merchant asks for when creating a coupon. Times are UTC; empty means no bound.</summary>
public sealed record CouponInput(string Code, CouponKind Kind, decimal Value, DateTime? StartsAt = null, DateTime? EndsAt = null,
    decimal? MinimumSpend = null, int? UsageLimit = null, int? PerCustomerLimit = null);

public sealed record CouponRow(int Id, string Code, CouponKind Kind, decimal Value, DateTime? StartsAt, DateTime? EndsAt,
    decimal? MinimumSpend, int? UsageLimit, int? PerCustomerLimit, int UsedCount, bool IsActive, DateTime CreatedAt)
{
    public string Discount => Kind == CouponKind.Percentage ? $"{Value:0.##}% off" : $"{Value:0.00} off";
}

/// <summary>
/// A merchant's coupons for one shop: created, listed and deactivated (never deleted or edited, so the orders that
/// used one keep meaning what they said). Like ApiKeys, every method takes the acting user and treats another
/// merchant's shop as not found. Checkout applies and counts them (Pricer, CouponUses).
/// </summary>
public sealed partial class Coupons(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxFixedValue = 100_000;

    public async Task<int> CreateAsync(string userId, int shopId, CouponInput input, CancellationToken cancellationToken = default)
    {
        var code = Pricer.NormaliseCode(input.Code ?? "");
        var errors = new ValidationErrors();
        if (code.Length is < 3 or > 40 || !CodePattern().IsMatch(code)) errors.Add("code", "must be 3 to 40 letters, digits, '-' or '_'");
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "must be a percentage or a fixed amount");
        else if (input.Kind == CouponKind.Percentage && input.Value is <= 0 or > 100) errors.Add("value", "must be a percentage between 0 and 100");
        else if (input.Kind == CouponKind.Fixed && input.Value is <= 0 or > MaxFixedValue) errors.Add("value", $"must be an amount between 0 and {MaxFixedValue:N0}");
        else if (decimal.Round(input.Value, 2) != input.Value) errors.Add("value", "must have at most 2 decimals");
        if (input.StartsAt is { } starts && input.EndsAt is { } ends && ends <= starts) errors.Add("endsAt", "must be after the start");
        else if (input.EndsAt is { } end && end <= clock.GetUtcNow().UtcDateTime) errors.Add("endsAt", "must be in the future");
        if (input.MinimumSpend is < 0 or > MaxFixedValue) errors.Add("minimumSpend", $"must be between 0 and {MaxFixedValue:N0} (or empty)");
        else if (input.MinimumSpend is { } min && decimal.Round(min, 2) != min) errors.Add("minimumSpend", "must have at most 2 decimals");
        if (input.UsageLimit is < 1) errors.Add("usageLimit", "must be at least 1 (or empty for no limit)");
        if (input.PerCustomerLimit is < 1) errors.Add("perCustomerLimit", "must be at least 1 (or empty for no limit)");
        else if (input.PerCustomerLimit > input.UsageLimit) errors.Add("perCustomerLimit", "must not be above the usage limit");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerAsync(db, userId, shopId, cancellationToken);
        var duplicate = ValidationException.For("code", $"{code} already exists in this shop (deactivated codes too)");
        if (await db.Coupons.AnyAsync(c => c.ShopId == shopId && c.Code == code, cancellationToken)) throw duplicate;
        var coupon = new Coupon
        {
            ShopId = shopId, Code = code, Kind = input.Kind, Value = input.Value, StartsAt = input.StartsAt, EndsAt = input.EndsAt,
            MinimumSpend = input.MinimumSpend is 0 ? null : input.MinimumSpend, UsageLimit = input.UsageLimit,
            PerCustomerLimit = input.PerCustomerLimit, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Coupons.Add(coupon);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { throw duplicate; } // created twice at once
        return coupon.Id;
    }

    /// <summary>The shop's coupons, newest first.</summary>
    public async Task<PagedResult<CouponRow>> ListAsync(string userId, int shopId, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerAsync(db, userId, shopId, cancellationToken);
        var paging = PageRequest.Of(page, pageSize, 20);
        var coupons = db.Coupons.AsNoTracking().Where(c => c.ShopId == shopId);
        var total = await coupons.CountAsync(cancellationToken);
        var rows = await coupons.OrderByDescending(c => c.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new CouponRow(c.Id, c.Code, c.Kind, c.Value, c.StartsAt, c.EndsAt, c.MinimumSpend, c.UsageLimit,
                c.PerCustomerLimit, c.UsedCount, c.IsActive, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<CouponRow>(rows, total, paging.Page, paging.PageSize);
    }

    /// <summary>Stops a coupon at once (checkouts from now on refuse it); deactivating twice is harmless.</summary>
    public async Task DeactivateAsync(string userId, int shopId, int couponId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerAsync(db, userId, shopId, cancellationToken);
        // One statement, not a tracked save: checkouts count uses on this row at the same time.
        var found = await db.Coupons.Where(c => c.Id == couponId && c.ShopId == shopId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false), cancellationToken);
        if (found == 0) throw new NotFoundException($"Coupon {couponId}");
    }

    private static async Task EnsureOwnerAsync(AppDbContext db, string userId, int shopId, CancellationToken cancellationToken)
    {
        if (!await db.Shops.OwnedBy(userId).AnyAsync(s => s.Id == shopId, cancellationToken))
            throw new NotFoundException($"{ShopQueries.Shop} {shopId}");
    }

    [GeneratedRegex("^[A-Z0-9_-]+$")] private static partial Regex CodePattern();
}
