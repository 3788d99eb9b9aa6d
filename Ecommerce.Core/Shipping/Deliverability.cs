using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Ecommerce.Core.Shipping;

/// <summary>
/// Can a shop deliver to a shopper's location, and how fast? Answered from the shops' shipping zones, which are
/// few and change rarely: all active shops' zones are read in one query and kept for a short while, so search
/// pages can ask for every result without a query per product. While the database is away the zones last read serve.
/// </summary>
public sealed class Deliverability(IDbContextFactory<AppDbContext> contexts, IMemoryCache cache, DatabaseReachability database)
{
    private Dictionary<int, List<ShippingZone>>? _last;

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "shipping-zones-by-shop";

    public async Task<DeliveryEstimate?> EstimateAsync(int shopId, DeliveryLocation location, CancellationToken cancellationToken = default) =>
        Estimate((await ZonesAsync(cancellationToken)).GetValueOrDefault(shopId) ?? [], location);

    /// <summary>The estimate for each of these shops (null where the shop does not deliver there).</summary>
    public async Task<IReadOnlyDictionary<int, DeliveryEstimate?>> EstimatesAsync(IEnumerable<int> shopIds, DeliveryLocation location, CancellationToken cancellationToken = default)
    {
        var zones = await ZonesAsync(cancellationToken);
        return shopIds.Distinct().ToDictionary(id => id, id => Estimate(zones.GetValueOrDefault(id) ?? [], location));
    }

    /// <summary>Every active shop that delivers to the location (the search filter "deliverable to me").</summary>
    public async Task<IReadOnlyCollection<int>> ShopsDeliveringToAsync(DeliveryLocation location, CancellationToken cancellationToken = default) =>
        (await ZonesAsync(cancellationToken)).Where(s => Estimate(s.Value, location) is not null).Select(s => s.Key).ToList();

    private static DeliveryEstimate? Estimate(IReadOnlyList<ShippingZone> zones, DeliveryLocation location) =>
        zones.Where(z => z.Covers(location.Country, location.Region, location.PostalCode))
            .OrderBy(z => z.MaxDays).ThenBy(z => z.Rate)
            .Select(z => new DeliveryEstimate(z.MinDays, z.MaxDays, z.Name))
            .FirstOrDefault();

    private async Task<Dictionary<int, List<ShippingZone>>> ZonesAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out Dictionary<int, List<ShippingZone>>? cached)) return cached!;
        return await database.ReadOrAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var zones = await db.ShippingZones.AsNoTracking()
                .Where(z => db.Shops.Any(s => s.Id == z.ShopId && s.Status == ShopStatus.Active))
                .ToListAsync(cancellationToken);
            var byShop = zones.GroupBy(z => z.ShopId).ToDictionary(g => g.Key, g => g.ToList());
            cache.Set(CacheKey, byShop, CacheFor);
            return _last = byShop;
        }, () => _last ?? []);
    }
}
