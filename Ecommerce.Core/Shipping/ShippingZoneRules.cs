using System.Text.RegularExpressions;
using Ecommerce.Core.Common;

namespace Ecommerce.Core.Shipping;

/// <summary>What makes a shipping zone valid; also normalises its lists (trimmed, upper-case codes, no duplicates).</summary>
public static partial class ShippingZoneRules
{
    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    public static bool IsCountryCode(string? code) => code is not null && CountryCode().IsMatch(code);

    /// <summary>Normalises <paramref name="zone"/> in place and adds its problems under "zones[i].field".</summary>
    public static void Validate(ShippingZone zone, int index, ValidationErrors errors)
    {
        var prefix = $"zones[{index}].";
        zone.Name = zone.Name?.Trim() ?? "";
        zone.Countries = Clean(zone.Countries, upper: true);
        zone.Regions = Clean(zone.Regions, upper: false);
        zone.PostalCodePrefixes = Clean(zone.PostalCodePrefixes, upper: true);

        if (zone.Name.Length is 0 or > 120) errors.Add(prefix + "name", "Give the zone a name (up to 120 characters).");
        if (zone.Countries.Count == 0) errors.Add(prefix + "countries", "List at least one country.");
        foreach (var bad in zone.Countries.Where(c => !IsCountryCode(c)))
            errors.Add(prefix + "countries", $"'{bad}' is not a two-letter country code (ISO 3166-1, e.g. US, FR).");
        if (zone.Rate < 0) errors.Add(prefix + "rate", "The rate cannot be negative.");
        if (zone.FreeOver < 0) errors.Add(prefix + "freeOver", "The free-shipping threshold cannot be negative.");
        if (zone.MinDays < 0) errors.Add(prefix + "minDays", "Delivery days cannot be negative.");
        if (zone.MinDays > zone.MaxDays) errors.Add(prefix + "maxDays", "The longest delivery time must be at least the shortest.");
        if (!Enum.IsDefined(zone.RateKind)) errors.Add(prefix + "rateKind", "Choose a flat or a per-item rate.");
    }

    private static List<string> Clean(List<string>? values, bool upper) =>
        (values ?? []).Select(v => upper ? v.Trim().ToUpperInvariant() : v.Trim()).Where(v => v.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
