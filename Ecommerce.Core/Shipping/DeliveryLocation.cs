using System.Text.RegularExpressions;

namespace Ecommerce.Core.Shipping;

/// <summary>Where a shopper wants things delivered: a country, and optionally a postal code and region.</summary>
public sealed partial record DeliveryLocation(string Country, string? PostalCode, string? Region)
{
    /// <summary>Validates and normalises what a shopper entered; null when it is not a usable location.</summary>
    public static DeliveryLocation? Create(string? country, string? postalCode, string? region)
    {
        country = country?.Trim().ToUpperInvariant();
        if (country is null || !CountryPattern().IsMatch(country)) return null;
        postalCode = string.IsNullOrWhiteSpace(postalCode) ? null : postalCode.Trim().ToUpperInvariant();
        if (postalCode is not null && !PostalPattern().IsMatch(postalCode)) return null;
        region = string.IsNullOrWhiteSpace(region) ? null : region.Trim().ToUpperInvariant();
        if (region is not null && !RegionPattern().IsMatch(region)) return null;
        return new DeliveryLocation(country, postalCode, region);
    }

    /// <summary>The compact form kept in the shopper's cookie: "US|94107|CA".</summary>
    public string Serialize() => $"{Country}|{PostalCode}|{Region}";

    public static DeliveryLocation? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 60) return null;
        var parts = value.Split('|');
        return parts.Length == 3 ? Create(parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>What the shopper recognises: the postal code if given, else the country.</summary>
    public string Label => PostalCode ?? Country;

    /// <summary>The country's English name ("Japan"), or its code where the platform knows no name for it.</summary>
    public string CountryName
    {
        get
        {
            try { return new System.Globalization.RegionInfo(Country).EnglishName; }
            catch (ArgumentException) { return Country; }
        }
    }

    /// <summary>The whole location in words: "94107, United States", or "Japan" without a postal code.</summary>
    public string Display => PostalCode is null ? CountryName : $"{PostalCode}, {CountryName}";

    [GeneratedRegex("^[A-Z]{2}$")] private static partial Regex CountryPattern();
    [GeneratedRegex("^[A-Z0-9][A-Z0-9 -]{1,10}$")] private static partial Regex PostalPattern();
    [GeneratedRegex("^[A-Z0-9-]{1,6}$")] private static partial Regex RegionPattern();
}

/// <summary>How a shop delivers to a location: from its best zone (fastest, then cheapest).</summary>
public sealed record DeliveryEstimate(int MinDays, int MaxDays, string ZoneName);
