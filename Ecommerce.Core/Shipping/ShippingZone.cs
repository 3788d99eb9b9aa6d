namespace Ecommerce.Core.Shipping;

public enum ShippingRateKind { Flat = 0, PerItem = 1 }

/// <summary>
/// Where a shop delivers and at what cost. A zone matches an address when the country is listed and, if the
/// zone names regions or postal-code prefixes, the address's region or postal code matches one of them.
/// </summary>
public class ShippingZone
{
    public int Id { get; set; }
    public int ShopId { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 3166-1 alpha-2 codes.</summary>
    public List<string> Countries { get; set; } = [];
    public List<string> Regions { get; set; } = [];
    public List<string> PostalCodePrefixes { get; set; } = [];
    public ShippingRateKind RateKind { get; set; }
    public decimal Rate { get; set; }
    /// <summary>Shipping is free when the shop's subtotal reaches this amount.</summary>
    public decimal? FreeOver { get; set; }
    public int MinDays { get; set; }
    public int MaxDays { get; set; }

    public bool Covers(string country, string? region, string? postalCode)
    {
        if (!Countries.Contains(country, StringComparer.OrdinalIgnoreCase)) return false;
        if (Regions.Count > 0 && (region is null || !Regions.Contains(region, StringComparer.OrdinalIgnoreCase)))
            return false;
        if (PostalCodePrefixes.Count > 0)
        {
            var normalized = (postalCode ?? "").Replace(" ", "").ToUpperInvariant();
            if (!PostalCodePrefixes.Any(p => normalized.StartsWith(p.Replace(" ", "").ToUpperInvariant(), StringComparison.Ordinal)))
                return false;
        }
        return true;
    }
}
