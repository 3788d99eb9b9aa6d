using Ecommerce.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>
/// Sales tax for a few countries and US states (round, illustrative figures, not tax advice) and a welcome coupon on
/// the main demo shop, so the cart and checkout show a discount and tax line. Fixed values: the demo is the same everywhere.
/// </summary>
internal static class DemoPricing
{
    public const string WelcomeCode = "WELCOME10";

    private static readonly TaxRate[] Rates =
    [
        new() { Country = "US", Region = "CA", Rate = 0.0725m, Name = "California sales tax" },
        new() { Country = "US", Region = "NY", Rate = 0.04m, Name = "New York sales tax" },
        new() { Country = "US", Region = "TX", Rate = 0.0625m, Name = "Texas sales tax" },
        new() { Country = "US", Region = "WA", Rate = 0.065m, Name = "Washington sales tax" },
        new() { Country = "CA", Region = "", Rate = 0.05m, Name = "GST" },
        new() { Country = "CA", Region = "ON", Rate = 0.13m, Name = "HST" },
        new() { Country = "GB", Region = "", Rate = 0.20m, Name = "VAT" },
        new() { Country = "DE", Region = "", Rate = 0.19m, Name = "MwSt." },
        new() { Country = "FR", Region = "", Rate = 0.20m, Name = "TVA" },
    ];

    public static async Task AddAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        db.TaxRates.AddRange(Rates.Select(r => new TaxRate { Country = r.Country, Region = r.Region, Rate = r.Rate, Name = r.Name }));
        var mainShop = await db.Shops.Where(s => s.Slug == DemoSeeder.MainShopSlug).Select(s => s.Id).SingleAsync(cancellationToken);
        db.Coupons.Add(new Coupon
        {
            ShopId = mainShop, Code = WelcomeCode, Kind = CouponKind.Percentage, Value = 10m, MinimumSpend = 25m, PerCustomerLimit = 1,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
