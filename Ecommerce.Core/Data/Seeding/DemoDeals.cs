using Ecommerce.Core.Catalog;
using Ecommerce.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>
/// A few flash sales live from the moment the demo is seeded (the first 100 units at about 40% off, two per
/// customer, ending over the next weeks), so the home page's deals and the product pages' countdowns show something.
/// </summary>
internal static class DemoDeals
{
    public static async Task AddAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var picks = await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Active && p.Variants.Any(v => v.Stock!.OnHand >= 20))
            .OrderByDescending(p => p.SalesCount).ThenBy(p => p.Id).Take(10)
            .Select(p => new { p.Id, p.MinPrice }).ToListAsync(cancellationToken);
        for (var i = 0; i < picks.Count; i++)
        {
            db.FlashSales.Add(new FlashSale
            {
                ProductId = picks[i].Id,
                SalePrice = Math.Max(0.99m, decimal.Round(picks[i].MinPrice * 0.6m, 0) - 0.01m),
                StartsAt = now.AddHours(-1),
                EndsAt = now.AddDays(3 + i * 2),
                QuantityCap = 100,
                PerCustomerLimit = 2,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
