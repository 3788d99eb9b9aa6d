using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Settings;

public enum MerchantApprovalPolicy { Automatic, ByAdmin }

/// <summary>Settings admins change at run time, read from the database each time (they are few and cheap).</summary>
public sealed class PlatformSettings(IDbContextFactory<AppDbContext> contexts)
{
    public const string MerchantApprovalKey = "merchants.approval";

    public async Task<MerchantApprovalPolicy> MerchantApprovalAsync(CancellationToken cancellationToken = default) =>
        Enum.TryParse<MerchantApprovalPolicy>(await GetAsync(MerchantApprovalKey, cancellationToken), out var policy)
            ? policy
            : MerchantApprovalPolicy.ByAdmin;

    public Task SetMerchantApprovalAsync(MerchantApprovalPolicy policy, CancellationToken cancellationToken = default) =>
        SetAsync(MerchantApprovalKey, policy.ToString(), cancellationToken);

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PlatformSettings.Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.PlatformSettings.Where(s => s.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, value).SetProperty(x => x.UpdatedAt, DateTime.UtcNow), cancellationToken);
        if (updated == 0)
        {
            db.PlatformSettings.Add(new PlatformSetting { Key = key, Value = value });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
