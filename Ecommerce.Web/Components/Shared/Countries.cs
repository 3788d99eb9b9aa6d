namespace Ecommerce.Web.Components.Shared;

/// <summary>The countries the "Deliver to" picker offers (ISO 3166-1 alpha-2), the markets the demo shops serve first.</summary>
public static class Countries
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("IE", "Ireland"), ("FR", "France"), ("DE", "Germany"),
        ("ES", "Spain"), ("IT", "Italy"), ("NL", "Netherlands"), ("BE", "Belgium"), ("PT", "Portugal"), ("AT", "Austria"),
        ("SE", "Sweden"), ("DK", "Denmark"), ("FI", "Finland"), ("PL", "Poland"), ("CH", "Switzerland"), ("NO", "Norway"),
        ("AU", "Australia"), ("NZ", "New Zealand"), ("JP", "Japan"), ("SG", "Singapore"), ("IN", "India"), ("MX", "Mexico"), ("BR", "Brazil"),
    ];
}
