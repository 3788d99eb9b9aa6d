namespace Ecommerce.Core.Pricing;

/// <summary>
/// The sales tax for deliveries to a country, or to one region of it (a region's rate wins over the country's).
/// <see cref="Rate"/> is a fraction: 0.0825 is 8.25 %.
/// </summary>
public class TaxRate
{
    public int Id { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }
    /// <summary>Empty for the whole country.</summary>
    public string Region { get; set; } = "";
    public decimal Rate { get; set; }
    public required string Name { get; set; }
}
