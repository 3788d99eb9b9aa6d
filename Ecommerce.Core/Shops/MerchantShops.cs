using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

public sealed record MerchantShopStatus(string Name, ShopStatus Status, string? Reason);

public sealed record MerchantShopLink(int Id, string Name);

public sealed record MerchantShopRow(int Id, string Name, string Slug, ShopStatus Status, string? StatusReason, int Products);

/// <summary>The shops a signed-in merchant owns.</summary>
public sealed class MerchantShops(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<MerchantShopRow>> ShopsOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().Where(s => s.Merchant!.UserId == userId).OrderBy(s => s.Name)
            .Select(s => new MerchantShopRow(s.Id, s.Name, s.Slug, s.Status, s.StatusReason, db.Products.Count(p => p.ShopId == s.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The user's shops by name only, for the console's navigation (no product counts: it renders with every page).</summary>
    public async Task<IReadOnlyList<MerchantShopLink>> LinksOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().Where(s => s.Merchant!.UserId == userId).OrderBy(s => s.Name)
            .Select(s => new MerchantShopLink(s.Id, s.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The status of a shop the user owns and why (a suspension's reason); null when not theirs.</summary>
    public async Task<MerchantShopStatus?> StatusOfAsync(string userId, int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().Where(s => s.Id == shopId && s.Merchant!.UserId == userId)
            .Select(s => new MerchantShopStatus(s.Name, s.Status, s.StatusReason)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Resource check used by every merchant action: does this user own this shop?</summary>
    public async Task<bool> OwnsAsync(string userId, int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AnyAsync(s => s.Id == shopId && s.Merchant!.UserId == userId, cancellationToken);
    }
}
