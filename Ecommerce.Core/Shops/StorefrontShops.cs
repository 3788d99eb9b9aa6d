using Ecommerce.Core.Search;
using Ecommerce.Core.Data;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

public sealed record ShopSummary(int Id, string Name, string Slug, string Description, string AccentColor, string? LogoUrl, string? BannerUrl,
    ShopFont Font = ShopFont.Modern)
{
    public ShopTheme Theme => new(AccentColor, LogoUrl, BannerUrl, Font);
}

/// <summary>
/// Shops as shoppers see them: only active shops. While the database is away a shop page shows the shop as this node
/// last read it (its profile too), else as the search index knows it (name and products, no profile); published
/// sections wait. A shop known neither way (never opened on this node, and without products) is not said to be missing:
/// its page is "not available for a moment" (<see cref="DatabaseAwayException"/>, a 503).
/// </summary>
public sealed class StorefrontShops(IDbContextFactory<AppDbContext> contexts, ProductListings listings, DatabaseReachability database)
{
    /// <summary>Shops as last read, by slug, for their pages while the database is away; a few thousand at most.</summary>
    private readonly ConcurrentDictionary<string, ShopSummary> _lastRead = new(StringComparer.Ordinal);
    private const int RememberedShops = 5000;

    public Task<ShopSummary?> ShopAsync(string slug, CancellationToken cancellationToken = default) => database.ReadOrAsync(async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.AsNoTracking().Where(s => s.Slug == slug && s.Status == ShopStatus.Active)
            .Select(s => new ShopSummary(s.Id, s.Name, s.Slug, s.Description, s.AccentColor, s.LogoUrl, s.BannerUrl, s.Font))
            .FirstOrDefaultAsync(cancellationToken);
        if (shop is null) _lastRead.TryRemove(slug, out _);
        else if (_lastRead.Count < RememberedShops || _lastRead.ContainsKey(slug)) _lastRead[slug] = shop;
        return shop;
    }, () => _lastRead.TryGetValue(slug, out var remembered) ? remembered
        : listings.IndexedShop(slug) ?? throw new DatabaseAwayException("This shop's page is not available for a moment."));

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
