using Ecommerce.Core.Search;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

public sealed record ShopSummary(int Id, string Name, string Slug, string Description, string AccentColor, string? LogoUrl, string? BannerUrl,
    ShopFont Font = ShopFont.Modern)
{
    public ShopTheme Theme => new(AccentColor, LogoUrl, BannerUrl, Font);
}

/// <summary>
/// Shops as shoppers see them: only active shops. While the database is away a shop page shows the shop as the search
/// index knows it (name and products, without its profile or published sections).
/// </summary>
public sealed class StorefrontShops(IDbContextFactory<AppDbContext> contexts, ProductListings listings, DatabaseReachability database)
{
    public Task<ShopSummary?> ShopAsync(string slug, CancellationToken cancellationToken = default) => database.ReadOrAsync(async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().Where(s => s.Slug == slug && s.Status == ShopStatus.Active)
            .Select(s => new ShopSummary(s.Id, s.Name, s.Slug, s.Description, s.AccentColor, s.LogoUrl, s.BannerUrl, s.Font))
            .FirstOrDefaultAsync(cancellationToken);
    }, () => listings.IndexedShop(slug));

    public async Task<IReadOnlyList<ShopSummary>> ShopsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().Where(s => s.Status == ShopStatus.Active).OrderBy(s => s.Name).Take(100)
            .Select(s => new ShopSummary(s.Id, s.Name, s.Slug, s.Description, s.AccentColor, s.LogoUrl, s.BannerUrl, s.Font))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The published sections of an active shop's page (the draft is never shown to shoppers).</summary>
    public Task<IReadOnlyList<ShopSection>> PublishedSectionsAsync(int shopId, CancellationToken cancellationToken = default) => database.ReadOrAsync<IReadOnlyList<ShopSection>>(async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().Where(s => s.Id == shopId && s.Status == ShopStatus.Active)
            .Select(s => s.PublishedSections).FirstOrDefaultAsync(cancellationToken) ?? [];
    }, () => []);
}
