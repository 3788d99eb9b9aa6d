using Ecommerce.Core.Common;
using Ecommerce.Core.Shipping;

namespace Ecommerce.Core.Checkout;

/// <summary>A delivery address, as typed by the shopper and copied onto each order (later edits never change an order).</summary>
public sealed class PostalAddress
{
    public string Name { get; set; } = "";
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string PostalCode { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "";
    public string? Phone { get; set; }

    public DeliveryLocation? Location => DeliveryLocation.Create(Country, PostalCode, Region);

    /// <summary>Trims and upper-cases what must be; adds a field error for anything missing or malformed.</summary>
    public PostalAddress Normalised(ValidationErrors errors, string prefix = "address")
    {
        var a = new PostalAddress
        {
            // A missing field (null from JSON or an empty form input) is "", so it gets "is required", never a crash.
            Name = Trim(Name) ?? "", Line1 = Trim(Line1) ?? "", Line2 = Trim(Line2), City = Trim(City) ?? "",
            Region = Trim(Region)?.ToUpperInvariant(), PostalCode = (Trim(PostalCode) ?? "").ToUpperInvariant(),
            Country = (Trim(Country) ?? "").ToUpperInvariant(), Phone = Trim(Phone),
        };
        Require(errors, $"{prefix}.name", a.Name, 100);
        Require(errors, $"{prefix}.line1", a.Line1, 200);
        if (a.Line2?.Length > 200) errors.Add($"{prefix}.line2", "must be at most 200 characters");
        Require(errors, $"{prefix}.city", a.City, 100);
        Require(errors, $"{prefix}.postalCode", a.PostalCode, 12);
        Require(errors, $"{prefix}.country", a.Country, 2);
        if (a.Phone?.Length > 40) errors.Add($"{prefix}.phone", "must be at most 40 characters");
        if (a.Name.Length > 0 && a.Country.Length > 0 && a.PostalCode.Length > 0 && a.Location is null)
            errors.Add($"{prefix}.postalCode", "is not a valid country, region and postal code");
        return a;
    }

    public override string ToString() => string.Join(", ", new[] { Name, Line1, Line2, City, Region, PostalCode, Country }.Where(p => !string.IsNullOrEmpty(p)));

    private static string? Trim(string? value) => value?.Trim() ?? (value is null ? null : "");

    private static void Require(ValidationErrors errors, string field, string? value, int max)
    {
        if (string.IsNullOrEmpty(value)) errors.Add(field, "is required");
        else if (value.Length > max) errors.Add(field, $"must be at most {max} characters");
    }
}
