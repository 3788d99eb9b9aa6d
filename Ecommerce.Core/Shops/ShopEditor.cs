using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shipping;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

/// <summary>
/// A merchant creates and edits their shops (settings and shipping zones; the theme is <see cref="ShopBuilder"/>'s). Every method is scoped to the
/// caller's own shops: another merchant's shop is reported as not found, whatever id is asked for.
/// </summary>
public sealed class ShopEditor(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<ShopSettings> GetAsync(string userId, int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.AsNoTracking().OwnedBy(userId).Include(s => s.ShippingZones.OrderBy(z => z.Id))
                       .FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken)
                   ?? throw new NotFoundException(ShopQueries.Shop);
        return new ShopSettings
        {
            Id = shop.Id, Name = shop.Name, Slug = shop.Slug, Description = shop.Description, Version = shop.Version, Zones = shop.ShippingZones,
        };
    }

    /// <summary>Creates a shop for an approved merchant; returns its id.</summary>
    public async Task<int> CreateAsync(string userId, ShopSettings input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var merchantId = await db.Merchants.Where(m => m.UserId == userId && m.Status == MerchantStatus.Approved)
            .Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException("Only approved merchants can open shops.");
        await ValidateAsync(db, input, shopId: 0, cancellationToken);
        var shop = new Shop { MerchantId = merchantId, Name = "", Slug = "" };
        Apply(input, shop);
        shop.ShippingZones = input.Zones.Select(z => Copy(z, new ShippingZone { Name = "" })).ToList();
        db.Shops.Add(shop);
        await SaveAsync(db, cancellationToken);
        return shop.Id;
    }

    /// <summary>Saves settings and zones; returns the new version. Throws <see cref="ConflictException"/> on a stale version.</summary>
    public async Task<Guid> UpdateAsync(string userId, ShopSettings input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.OwnedBy(userId).Include(s => s.ShippingZones)
                       .FirstOrDefaultAsync(s => s.Id == input.Id, cancellationToken)
                   ?? throw new NotFoundException(ShopQueries.Shop);
        await ValidateAsync(db, input, shop.Id, cancellationToken);
        // The version the merchant started from is what the database must still hold.
        db.Entry(shop).Property(s => s.Version).OriginalValue = input.Version;
        db.Entry(shop).Property(s => s.Version).IsModified = true; // zone-only edits renew the version too
        Apply(input, shop);
        // Its name and profile show on cached storefront pages.
        db.Enqueue(EventTypes.ShopUpdated, new ShopEvent(shop.Id));

        var kept = input.Zones.Where(z => z.Id != 0).Select(z => z.Id).ToHashSet();
        db.ShippingZones.RemoveRange(shop.ShippingZones.Where(z => !kept.Contains(z.Id)));
        foreach (var zone in input.Zones)
        {
            // A zone id of another shop is not updated: it is added as a new zone of this one.
            var target = shop.ShippingZones.FirstOrDefault(z => z.Id == zone.Id && zone.Id != 0);
            if (target is null) shop.ShippingZones.Add(Copy(zone, new ShippingZone { Name = "" }));
            else Copy(zone, target);
        }
        await SaveAsync(db, cancellationToken);
        return shop.Version;
    }

    public async Task<bool> IsSlugFreeAsync(string slug, int exceptShopId = 0, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Shops.AnyAsync(s => s.Slug == slug && s.Id != exceptShopId, cancellationToken);
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ShopQueries.StaleMessage);
        }
        catch (DbUpdateException) // a slug taken between the check and the save: the unique index decides
        {
            throw ValidationException.For("slug", "This address is already taken; choose another.");
        }
    }

    private static async Task ValidateAsync(AppDbContext db, ShopSettings input, int shopId, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        input.Name = input.Name?.Trim() ?? "";
        input.Slug = input.Slug?.Trim() ?? "";
        input.Description = input.Description?.Trim() ?? "";
        if (input.Name.Length is 0 or > 120) errors.Add("name", "Give the shop a name (up to 120 characters).");
        else if (!UnicodeText.IsWellFormed(input.Name)) errors.Add("name", "The name " + UnicodeText.Problem + ".");
        if (!Slug.IsValid(input.Slug))
            errors.Add("slug", "Use lower-case letters, digits and single hyphens (e.g. " + (Slug.From(input.Name) is { Length: > 0 } s ? s : "my-shop") + ").");
        else if (await db.Shops.AnyAsync(s => s.Slug == input.Slug && s.Id != shopId, cancellationToken))
            errors.Add("slug", "This address is already taken; choose another.");
        if (input.Description.Length > 5000) errors.Add("description", "The description is too long (5000 characters at most).");
        if (input.Zones.Count > 50) errors.Add("zones", "A shop has at most 50 shipping zones.");
        for (var i = 0; i < input.Zones.Count; i++) ShippingZoneRules.Validate(input.Zones[i], i, errors);
        errors.ThrowIfAny();
    }

    private static void Apply(ShopSettings input, Shop shop)
    {
        shop.Name = input.Name;
        shop.Slug = input.Slug;
        shop.Description = input.Description;
    }

    private static ShippingZone Copy(ShippingZone from, ShippingZone to)
    {
        to.Name = from.Name;
        to.Countries = [.. from.Countries];
        to.Regions = [.. from.Regions];
        to.PostalCodePrefixes = [.. from.PostalCodePrefixes];
        to.RateKind = from.RateKind;
        to.Rate = from.Rate;
        to.FreeOver = from.FreeOver;
        to.MinDays = from.MinDays;
        to.MaxDays = from.MaxDays;
        return to;
    }
}
