using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

/// <summary>The builder's view of a shop: <see cref="Theme"/> is the draft theme if one is saved, else the live one.</summary>
public sealed record ShopLayout(int ShopId, string Name, string Slug, string Description, ShopTheme Theme, ShopTheme LiveTheme, Guid Version,
    List<ShopSection> Draft, DateTime? PublishedAt, bool HasUnpublishedChanges);

public sealed record ProductPick(int Id, string Name, ProductStatus Status);

/// <summary>Payload of shop.published.</summary>
public sealed record ShopPublishedEvent(int ShopId, string Slug);

/// <summary>
/// The shop builder: a merchant composes the draft page of one of their own shops and publishes it.
/// Like <see cref="ShopEditor"/>, every method treats another merchant's shop as not found.
/// </summary>
public sealed class ShopBuilder(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task<ShopLayout> GetAsync(string userId, int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.AsNoTracking().OwnedBy(userId).FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken)
                   ?? throw new NotFoundException(ShopQueries.Shop);
        var live = LiveTheme(shop);
        return new ShopLayout(shop.Id, shop.Name, shop.Slug, shop.Description, shop.DraftTheme ?? live, live,
            shop.Version, shop.DraftSections, shop.PublishedAt,
            Json(shop.DraftSections) != Json(shop.PublishedSections) || (shop.DraftTheme is not null && shop.DraftTheme != live));
    }

    /// <summary>Saves the draft (and the draft theme, when one is given); returns the shop's new version.</summary>
    public Task<Guid> SaveDraftAsync(string userId, int shopId, IReadOnlyList<ShopSection> sections, Guid expectedVersion,
        ShopTheme? theme = null, CancellationToken cancellationToken = default) =>
        SaveAsync(userId, shopId, sections, expectedVersion, publish: false, theme, cancellationToken);

    /// <summary>
    /// Saves the draft and makes it what shoppers see, with a shop.published event in the same transaction. The
    /// <paramref name="theme"/> given, else the saved draft theme, goes live with it.
    /// </summary>
    public Task<Guid> PublishAsync(string userId, int shopId, IReadOnlyList<ShopSection> sections, Guid expectedVersion,
        ShopTheme? theme = null, CancellationToken cancellationToken = default) =>
        SaveAsync(userId, shopId, sections, expectedVersion, publish: true, theme, cancellationToken);

    /// <summary>The shop's products whose name contains <paramref name="search"/>, for the featured-products picker.</summary>
    public async Task<IReadOnlyList<ProductPick>> FindProductsAsync(string userId, int shopId, string? search, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Products.AsNoTracking().Where(p => p.ShopId == shopId && p.Shop!.Merchant!.UserId == userId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(p => p.Name.ToLower().Contains(term));
        }
        return await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(Math.Clamp(take, 1, PageRequest.MaxPageSize))
            .Select(p => new ProductPick(p.Id, p.Name, p.Status)).ToListAsync(cancellationToken);
    }

    /// <summary>Names of picked products (one query), for showing a featured section's picks.</summary>
    public async Task<IReadOnlyList<ProductPick>> ProductsByIdAsync(string userId, int shopId, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.ShopId == shopId && p.Shop!.Merchant!.UserId == userId)
            .Select(p => new ProductPick(p.Id, p.Name, p.Status)).ToListAsync(cancellationToken);
    }

    private async Task<Guid> SaveAsync(string userId, int shopId, IReadOnlyList<ShopSection> sections, Guid expectedVersion, bool publish, ShopTheme? theme, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.OwnedBy(userId).FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken)
                   ?? throw new NotFoundException(ShopQueries.Shop);
        var errors = new ValidationErrors();
        ShopSectionRules.Validate(sections, errors);
        theme = Normalise(theme ?? (publish ? shop.DraftTheme : null));
        if (theme is not null) ShopTheme.Validate(theme.AccentColor, theme.LogoUrl, theme.BannerUrl, errors, theme.Font);
        await ValidateProductsAsync(db, shopId, sections, errors, cancellationToken);
        errors.ThrowIfAny();

        db.Entry(shop).Property(s => s.Version).OriginalValue = expectedVersion;
        db.Entry(shop).Property(s => s.Version).IsModified = true;
        shop.DraftSections = Clone(sections);
        if (!publish && theme is not null) shop.DraftTheme = theme == LiveTheme(shop) ? null : theme;
        if (publish)
        {
            shop.PublishedSections = Clone(sections);
            shop.PublishedAt = clock.GetUtcNow().UtcDateTime;
            db.Enqueue(EventTypes.ShopPublished, new ShopPublishedEvent(shop.Id, shop.Slug));
            if (theme is not null && theme != LiveTheme(shop))
            {
                (shop.AccentColor, shop.LogoUrl, shop.BannerUrl, shop.Font) = (theme.AccentColor, theme.LogoUrl, theme.BannerUrl, theme.Font);
                db.Enqueue(EventTypes.ShopUpdated, new ShopEvent(shop.Id)); // the accent colour shows on product cards too
            }
            shop.DraftTheme = null;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ShopQueries.StaleMessage);
        }
        return shop.Version;
    }

    // Featured products must be this shop's own (one query for all sections).
    private static async Task ValidateProductsAsync(AppDbContext db, int shopId, IReadOnlyList<ShopSection> sections, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var picked = sections.SelectMany(s => s.Kind == ShopSectionKind.FeaturedProducts ? s.ProductIds : []).Distinct().ToList();
        if (picked.Count == 0) return;
        var own = (await db.Products.Where(p => p.ShopId == shopId && picked.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].Kind == ShopSectionKind.FeaturedProducts && sections[i].ProductIds.Any(id => !own.Contains(id)))
                errors.Add($"sections[{i}].productIds", "Pick products of this shop only.");
        }
    }

    private static ShopTheme LiveTheme(Shop shop) => new(shop.AccentColor, shop.LogoUrl, shop.BannerUrl, shop.Font);

    // Stored in one form: lower-case colour, no empty addresses.
    private static ShopTheme? Normalise(ShopTheme? theme) => theme is null ? null : theme with
    {
        AccentColor = theme.AccentColor?.Trim().ToLowerInvariant() ?? "",
        LogoUrl = string.IsNullOrEmpty(theme.LogoUrl) ? null : theme.LogoUrl,
        BannerUrl = string.IsNullOrEmpty(theme.BannerUrl) ? null : theme.BannerUrl,
    };

    private static string Json(List<ShopSection> sections) => System.Text.Json.JsonSerializer.Serialize(sections, Outbox.Json);

    private static List<ShopSection> Clone(IReadOnlyList<ShopSection> sections) =>
        System.Text.Json.JsonSerializer.Deserialize<List<ShopSection>>(System.Text.Json.JsonSerializer.Serialize(sections, Outbox.Json), Outbox.Json)!;
}
