using Ecommerce.Core.Shipping;
using Ecommerce.Core.Shops;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>
/// The demo merchants' shops. Their shipping zones differ on purpose (country-wide flat rates, a postal-prefix
/// local zone, region-limited zones, per-item international rates, shops that do not ship abroad at all),
/// so deliverability in search and checkout has something to show.
/// </summary>
internal static class DemoShops
{
    /// <param name="OwnerEmail">The demo user whose merchant owns the shop.</param>
    /// <param name="Country">The merchant's country.</param>
    /// <param name="SkuPrefix">Start of every SKU of the shop's products.</param>
    /// <param name="Kinds">Category slugs the shop sells.</param>
    public sealed record Spec(
        string OwnerEmail, string Country, string Name, string Slug, string SkuPrefix, string Accent, string Description,
        string[] Kinds, Func<List<ShippingZone>> Zones);

    private static readonly string[] EuCountries =
        ["AT", "BE", "DE", "DK", "ES", "FI", "FR", "IE", "IT", "LU", "NL", "PL", "PT", "SE"];

    private static readonly string[] CanadianProvinces =
        ["AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK"];

    // The 48 contiguous states and DC: bulky furniture is not shipped to Alaska, Hawaii or overseas territories.
    private static readonly string[] ContiguousStates =
    [
        "AL", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    ];

    public static readonly IReadOnlyList<Spec> All =
    [
        new(DemoAccounts.MerchantEmail, "US", "Northwind Outfitters", "northwind-outfitters", "NWO", "#1f4e79",
            "Everyday clothing, shoes and outdoor gear, designed in San Francisco and made to last.",
            ["clothing", "shoes", "sports"],
            () =>
            [
                Zone("United States", ["US"], ShippingRateKind.Flat, 5.99m, freeOver: 75m, 3, 6),
                Zone("San Francisco Bay Area express", ["US"], ShippingRateKind.Flat, 0m, freeOver: null, 1, 2, postal: ["94"]),
                Zone("Canada", ["CA"], ShippingRateKind.Flat, 14.99m, freeOver: 150m, 6, 12),
            ]),
        new(DemoAccounts.MerchantEmail, "US", "Northwind Home", "northwind-home", "NWH", "#8a5a44",
            "Furniture and kitchen goods for calm, well-used homes.",
            ["furniture", "home-kitchen"],
            () =>
            [
                Zone("Contiguous United States", ["US"], ShippingRateKind.PerItem, 29m, freeOver: 500m, 5, 14, regions: ContiguousStates),
                Zone("Bay Area local delivery", ["US"], ShippingRateKind.Flat, 9m, freeOver: 50m, 1, 3, postal: ["94"]),
            ]),
        new("merchant2@demo.local", "US", "Voltage Electronics", "voltage-electronics", "VLT", "#0f766e",
            "Laptops, phones and audio, tested by people who actually use them.",
            ["laptops", "phones", "headphones"],
            () =>
            [
                Zone("United States", ["US"], ShippingRateKind.Flat, 0m, freeOver: null, 2, 5),
                Zone("Canada", ["CA"], ShippingRateKind.Flat, 19m, freeOver: 500m, 4, 8),
                Zone("European Union", EuCountries, ShippingRateKind.PerItem, 12m, freeOver: null, 5, 10),
            ]),
        new("merchant3@demo.local", "US", "Green Basket Grocer", "green-basket-grocer", "GBG", "#3f7d20",
            "A neighbourhood grocer delivering pantry favourites around the Bay.",
            ["food"],
            // Local delivery only: fresh food does not travel, so it ships nowhere else.
            () =>
            [
                Zone("Bay Area delivery", ["US"], ShippingRateKind.Flat, 4.99m, freeOver: 50m, 1, 2, regions: ["CA"], postal: ["94", "95"]),
            ]),
        new("merchant4@demo.local", "GB", "Paper Lantern Books", "paper-lantern-books", "PLB", "#7c2d12",
            "An independent bookshop in London, shipping stories worldwide.",
            ["books"],
            () =>
            [
                Zone("United Kingdom", ["GB"], ShippingRateKind.Flat, 2.99m, freeOver: 25m, 1, 3),
                Zone("Europe", [.. EuCountries, "NO", "CH"], ShippingRateKind.PerItem, 4.5m, freeOver: null, 3, 7),
                Zone("North America", ["US", "CA"], ShippingRateKind.PerItem, 6.99m, freeOver: 80m, 6, 12),
                Zone("Australia & New Zealand", ["AU", "NZ"], ShippingRateKind.PerItem, 8.99m, freeOver: null, 8, 16),
            ]),
        new("merchant5@demo.local", "CA", "Glow Beauty Co.", "glow-beauty-co", "GLW", "#be185d",
            "Clean skincare and make-up from Montreal.",
            ["beauty"],
            () =>
            [
                Zone("Canada", ["CA"], ShippingRateKind.Flat, 6m, freeOver: 40m, 2, 5, regions: CanadianProvinces),
                Zone("United States", ["US"], ShippingRateKind.Flat, 8m, freeOver: 60m, 4, 8),
            ]),
        new("merchant6@demo.local", "US", "Little Giants Toys", "little-giants-toys", "LGT", "#d97706",
            "Toys and games that grow with your kids.",
            ["toys", "sports"],
            () =>
            [
                Zone("United States", ["US"], ShippingRateKind.Flat, 6.99m, freeOver: 49m, 3, 6),
                Zone("Eastern & Western Canada", ["CA"], ShippingRateKind.PerItem, 3.5m, freeOver: null, 5, 10, regions: ["ON", "QC", "BC"]),
            ]),
    ];

    public static readonly IReadOnlyDictionary<string, Spec> BySlug = All.ToDictionary(s => s.Slug);

    private static ShippingZone Zone(
        string name, string[] countries, ShippingRateKind kind, decimal rate, decimal? freeOver, int minDays, int maxDays,
        string[]? regions = null, string[]? postal = null) => new()
        {
            Name = name, Countries = [.. countries], Regions = [.. regions ?? []], PostalCodePrefixes = [.. postal ?? []],
            RateKind = kind, Rate = rate, FreeOver = freeOver, MinDays = minDays, MaxDays = maxDays,
        };
}
