using System.Text.RegularExpressions;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Ecommerce.Core.Settings;

public enum MerchantApprovalPolicy { Automatic, ByAdmin }

/// <summary>
/// The platform settings as admins see them. <see cref="ReservationExpiryMinutes"/> null means the deployment's
/// <c>Checkout:ReservationExpiry</c> applies. <see cref="Currency"/> is the marketplace's one currency (like a Saleor
/// channel's): every new product is priced in it and checkout never mixes currencies.
/// </summary>
public sealed record PlatformSettingsValues(MerchantApprovalPolicy MerchantApproval, int? ReservationExpiryMinutes, string Currency);

/// <summary>
/// Settings admins change at run time, one row per key. Read through a short cache (hot paths such as checkout ask
/// on every call); a change clears this node's cache at once and reaches the other nodes within <see cref="CacheFor"/>.
/// Every change is audited in the same transaction.
/// </summary>
public sealed partial class PlatformSettings(IDbContextFactory<AppDbContext> contexts, IMemoryCache cache, TimeProvider clock)
{
    public const string MerchantApprovalKey = "merchants.approval";
    public const string ReservationExpiryKey = "checkout.reservation-expiry-minutes";
    public const string CurrencyKey = "platform.currency";
    public const string DefaultCurrency = "USD";
    public const int MinReservationMinutes = 1, MaxReservationMinutes = 120;
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    private const string CacheKey = "platform-settings";

    public async Task<MerchantApprovalPolicy> MerchantApprovalAsync(CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).MerchantApproval;

    /// <summary>The checkout's hold expiry when an admin has set one; null to use the configured default.</summary>
    public async Task<TimeSpan?> ReservationExpiryAsync(CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).ReservationExpiryMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null;

    /// <summary>The marketplace's currency: what new products are priced in and what empty carts show.</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).Currency;

    public async Task<PlatformSettingsValues> GetAllAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out PlatformSettingsValues? cached)) return cached!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = Parse(await db.PlatformSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken));
        cache.Set(CacheKey, values, CacheFor);
        return values;
    }

    public Task SetMerchantApprovalAsync(MerchantApprovalPolicy policy, AuditActor actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(current => current with { MerchantApproval = policy }, actor, cancellationToken);

    /// <summary>Validates and saves every setting that changed, each with an audit entry; returns the new values.</summary>
    public async Task<PlatformSettingsValues> SetAllAsync(PlatformSettingsValues values, AuditActor actor, CancellationToken cancellationToken = default) =>
        await UpdateAsync(_ => values, actor, cancellationToken);

    private async Task<PlatformSettingsValues> UpdateAsync(Func<PlatformSettingsValues, PlatformSettingsValues> change, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PlatformSettings.ToDictionaryAsync(s => s.Key, cancellationToken);
        var before = Parse(rows.ToDictionary(r => r.Key, r => r.Value.Value));
        var after = Validate(change(before));
        if (after.Currency != before.Currency) await EnsureNothingIsPricedInAnotherCurrencyAsync(db, after.Currency, cancellationToken);
        foreach (var (key, oldValue, newValue) in new[]
                 {
                     (MerchantApprovalKey, (string?)before.MerchantApproval.ToString(), (string?)after.MerchantApproval.ToString()),
                     (ReservationExpiryKey, before.ReservationExpiryMinutes?.ToString(), after.ReservationExpiryMinutes?.ToString()),
                     (CurrencyKey, before.Currency, after.Currency),
                 })
        {
            if (oldValue == newValue) continue;
            rows.TryGetValue(key, out var row);
            if (newValue is null) { if (row is not null) db.PlatformSettings.Remove(row); }
            else if (row is null) db.PlatformSettings.Add(new PlatformSetting { Key = key, Value = newValue, UpdatedAt = clock.GetUtcNow().UtcDateTime });
            else (row.Value, row.UpdatedAt) = (newValue, clock.GetUtcNow().UtcDateTime);
            db.Record(actor, "setting.changed", "setting", key, before: new { value = oldValue }, after: new { value = newValue });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("Another admin changed the settings at the same moment; reload and try again.");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Another admin changed the settings at the same moment; reload and try again.");
        }
        cache.Remove(CacheKey);
        return after;
    }

    /// <summary>
    /// The currency may change only while nothing is priced in another one: converting a live marketplace's prices,
    /// carts and open orders (repricing) is not something this platform does, so it refuses and says what is in the way.
    /// </summary>
    private static async Task EnsureNothingIsPricedInAnotherCurrencyAsync(AppDbContext db, string currency, CancellationToken cancellationToken)
    {
        var products = await db.Products.CountAsync(p => p.Currency != currency, cancellationToken);
        var orders = await db.Orders.CountAsync(o => o.Currency != currency && UnfinishedOrders.Contains(o.Status), cancellationToken);
        if (products == 0 && orders == 0) return;
        throw new ConflictException(
            $"The currency cannot change to {currency}: {Count(products, "product")} and {Count(orders, "unfinished order")} are priced in another currency. " +
            "Changing a live marketplace's currency means repricing all of them, which is out of scope for this platform: " +
            "choose the currency before the first product is registered.");
    }

    private static string Count(int n, string what) => $"{n:N0} {what}{(n == 1 ? "" : "s")}";

    /// <summary>Orders still to be paid, shipped or refunded further, in the currency they were placed in.</summary>
    private static readonly OrderStatus[] UnfinishedOrders =
        [OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped];

    private static PlatformSettingsValues Validate(PlatformSettingsValues values)
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(values.MerchantApproval)) errors.Add("merchantApproval", "must be Automatic or ByAdmin");
        if (values.ReservationExpiryMinutes is < MinReservationMinutes or > MaxReservationMinutes)
            errors.Add("reservationExpiryMinutes", $"must be from {MinReservationMinutes} to {MaxReservationMinutes} minutes (or empty for the deployment's default)");
        var currency = values.Currency?.Trim() ?? "";
        if (!CurrencyPattern().IsMatch(currency)) errors.Add("currency", "must be an ISO 4217 code: three upper-case letters, e.g. USD");
        errors.ThrowIfAny();
        return values with { Currency = currency };
    }

    private static PlatformSettingsValues Parse(IReadOnlyDictionary<string, string> rows) => new(
        rows.TryGetValue(MerchantApprovalKey, out var approval) && Enum.TryParse<MerchantApprovalPolicy>(approval, out var policy) ? policy : MerchantApprovalPolicy.ByAdmin,
        rows.TryGetValue(ReservationExpiryKey, out var minutes) && int.TryParse(minutes, out var m) ? m : null,
        rows.TryGetValue(CurrencyKey, out var currency) ? currency : DefaultCurrency);

    [GeneratedRegex("^[A-Z]{3}$")] private static partial Regex CurrencyPattern();
}
