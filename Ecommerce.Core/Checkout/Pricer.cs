using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Pricing;
using Ecommerce.Core.Settings;
using Ecommerce.Core.Shipping;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Checkout;

/// <summary>What to price: the lines, where they go (an address at checkout, or just the "Deliver to" location in
/// the cart), the shipping zone chosen per shop, a coupon code, and a checkout's own holds (so its held units
/// count as available to it).</summary>
public sealed record QuoteRequest(
    IReadOnlyList<LineRequest> Lines, DeliveryLocation? Location = null, bool IsFullAddress = false,
    IReadOnlyDictionary<int, int>? ShippingChoices = null, string? CouponCode = null, Guid? HolderId = null);

/// <summary>
/// The one place where prices and totals are computed, for the cart page, checkout, the API and the order
/// itself. Reads everything it needs in a few queries, whatever the number of lines.
/// </summary>
public sealed class Pricer(TimeProvider clock, PlatformSettings settings)
{
    public const int MaxQuantityPerLine = 99;
    public const int MaxLines = 50;
    /// <summary>A line's problem when nothing of it is left.</summary>
    public const string SoldOut = "sold out";

    public async Task<Quote> QuoteAsync(AppDbContext db, QuoteRequest request, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = request.Lines.GroupBy(l => l.VariantId).Select(g => new LineRequest(g.Key, g.Sum(l => l.Quantity))).ToList();
        var ids = wanted.Select(l => l.VariantId).ToList();

        var variants = await db.ProductVariants.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new
            {
                v.Id, v.ProductId, v.Sku, v.Options, v.Price, v.Currency,
                OnHand = v.Stock == null ? 0 : v.Stock.OnHand, Reserved = v.Stock == null ? 0 : v.Stock.Reserved,
                ProductName = v.Product!.Name, v.Product.Slug, ProductStatus = v.Product.Status, v.Product.UnlistedAt, v.Product.ShopId,
                ShopName = v.Product.Shop!.Name, ShopSlug = v.Product.Shop.Slug, ShopStatus = v.Product.Shop.Status,
                Image = v.Product.Images.OrderBy(i => i.Position).Select(i => i.Url).FirstOrDefault(),
            })
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        // An order is in one currency. The platform.currency setting keeps the catalogue in one, but a cart is never
        // priced by adding up amounts in different currencies, whatever the data says.
        var currencies = variants.Values.Select(v => v.Currency).Distinct().Order().ToList();
        if (currencies.Count > 1)
            throw new ConflictException($"The cart holds items priced in different currencies ({string.Join(", ", currencies)}); " +
                "one order is paid in one currency, so remove the items in the currency you do not want.");
        // Units this checkout holds itself, and holds past their expiry (they stop counting at once, before any
        // sweep), are available to this quote, and so are the flash-sale units they claimed.
        var holderId = request.HolderId;
        var freed = await db.StockReservations.AsNoTracking()
            .Where(r => ids.Contains(r.VariantId) && r.Status == ReservationStatus.Active && r.OrderId == null
                && (r.ExpiresAt <= now || (holderId != null && r.HolderId == holderId)))
            .GroupBy(r => new { r.VariantId, r.FlashSaleId }).Select(g => new { g.Key.VariantId, g.Key.FlashSaleId, Quantity = g.Sum(r => r.Quantity) })
            .ToListAsync(cancellationToken);
        var freedUnits = freed.GroupBy(f => f.VariantId).ToDictionary(g => g.Key, g => g.Sum(f => f.Quantity));
        var freedSaleUnits = freed.Where(f => f.FlashSaleId != null).GroupBy(f => f.FlashSaleId!.Value).ToDictionary(g => g.Key, g => g.Sum(f => f.Quantity));
        var freedSaleIds = freedSaleUnits.Keys.ToList();
        var productIds = variants.Values.Select(v => v.ProductId).Distinct().ToList();
        var sales = (await db.FlashSales.AsNoTracking()
            .Where(FlashSale.InWindowAt(now))
            .Where(f => productIds.Contains(f.ProductId) && (f.QuantityCap == null || f.SoldCount < f.QuantityCap || freedSaleIds.Contains(f.Id)))
            .ToListAsync(cancellationToken))
            .Select(f => { f.SoldCount -= freedSaleUnits.GetValueOrDefault(f.Id); return f; }) // not tracked: only this quote's view
            .Where(f => f.QuantityCap == null || f.SoldCount < f.QuantityCap).ToList();
        var shopIds = variants.Values.Select(v => v.ShopId).Distinct().ToList();
        var zones = request.Location is null ? [] : await db.ShippingZones.AsNoTracking().Where(z => shopIds.Contains(z.ShopId)).ToListAsync(cancellationToken);
        var coupons = string.IsNullOrWhiteSpace(request.CouponCode) ? [] : await db.Coupons.AsNoTracking()
            .Where(c => shopIds.Contains(c.ShopId) && c.Code == NormaliseCode(request.CouponCode)).ToListAsync(cancellationToken);
        var taxRate = request.Location is { } location ? await TaxRateAsync(db, location, cancellationToken) : 0m;

        var lines = new List<(int ShopId, QuoteLine Line)>();
        foreach (var want in wanted)
        {
            if (!variants.TryGetValue(want.VariantId, out var v)) continue; // a deleted variant simply drops out of the cart
            var sale = sales.Where(f => f.VariantId == v.Id || (f.VariantId == null && f.ProductId == v.ProductId)).OrderBy(f => f.SalePrice).FirstOrDefault();
            var available = StockLevels.Available(v.OnHand, v.Reserved - freedUnits.GetValueOrDefault(v.Id));
            var unit = sale?.SalePrice ?? v.Price;
            string? problem = null;
            if (want.Quantity is < 1 or > MaxQuantityPerLine) problem = $"quantity must be between 1 and {MaxQuantityPerLine}";
            else if (!ProductVisibility.Sold(v.ProductStatus, v.UnlistedAt, v.ShopStatus)) problem = "is no longer sold";
            else if (available == 0) problem = SoldOut;
            else if (available < want.Quantity) problem = $"only {available} left";
            else if (sale?.PerCustomerLimit is { } limit && want.Quantity > limit) problem = $"the flash sale allows {limit} per customer";
            else if (sale?.QuantityCap is { } cap && cap - sale.SoldCount < want.Quantity) problem = $"only {cap - sale.SoldCount} left at the flash-sale price";
            var title = ProductVariant.TitleOf(v.Options);
            lines.Add((v.ShopId, new QuoteLine(v.Id, v.ProductId, v.ProductName, v.Slug, title, v.Sku, v.Image, v.Price, unit,
                want.Quantity, Money(unit * want.Quantity), available,
                sale is null ? null : new FlashSaleTerms(sale.Id, sale.QuantityCap, sale.PerCustomerLimit), sale?.EndsAt, problem)));
        }

        string? couponProblem = null;
        if (!string.IsNullOrWhiteSpace(request.CouponCode) && coupons.Count == 0)
            couponProblem = $"The code {NormaliseCode(request.CouponCode)} does not exist for the shops in this order.";

        var shops = new List<ShopQuote>();
        foreach (var group in lines.GroupBy(l => l.ShopId))
        {
            var first = variants.Values.First(v => v.ShopId == group.Key);
            var shopLines = group.Select(g => g.Line).ToList();
            var subtotal = Money(shopLines.Sum(l => l.LineTotal));
            var items = shopLines.Sum(l => l.Quantity);
            var options = request.Location is { } loc
                ? zones.Where(z => z.ShopId == group.Key && z.Covers(loc.Country, loc.Region, loc.PostalCode))
                    .Select(z => new ShippingOption(z.Id, z.Name, ShippingPrice(z, subtotal, items), z.MinDays, z.MaxDays))
                    .OrderBy(o => o.Price).ThenBy(o => o.MaxDays).ToList()
                : [];
            var chosen = request.ShippingChoices?.GetValueOrDefault(group.Key) is { } zoneId && options.FirstOrDefault(o => o.ZoneId == zoneId) is { } picked
                ? picked : options.FirstOrDefault();

            var coupon = coupons.FirstOrDefault(c => c.ShopId == group.Key);
            var discount = 0m;
            if (coupon is not null)
            {
                var why = CouponProblem(coupon, subtotal, now);
                if (why is null) discount = coupon.DiscountOn(subtotal);
                else { couponProblem = $"The code {coupon.Code} {why}."; coupon = null; }
            }
            var tax = Money((subtotal - discount) * taxRate);
            var shipping = chosen?.Price ?? 0m;
            shops.Add(new ShopQuote(group.Key, first.ShopName, first.ShopSlug, shopLines, subtotal, options, chosen,
                coupon?.Id, coupon?.Code, discount, tax, subtotal - discount + shipping + tax));
        }

        var currency = currencies.FirstOrDefault() ?? await settings.CurrencyAsync(cancellationToken);
        return new Quote(shops, shops.Sum(s => s.Subtotal), shops.Sum(s => s.Discount), shops.Sum(s => s.Shipping?.Price ?? 0),
            shops.Sum(s => s.Tax), shops.Sum(s => s.Total), currency, request.IsFullAddress, couponProblem);
    }

    public static string NormaliseCode(string code) => code.Trim().ToUpperInvariant();

    /// <summary>Why a coupon cannot be used on a shop subtotal now (null: it can). Usage limits are enforced atomically when the order is placed.</summary>
    public static string? CouponProblem(Coupon coupon, decimal subtotal, DateTime now) =>
        !coupon.IsActive ? "is no longer valid"
        : coupon.StartsAt > now ? "is not valid yet"
        : coupon.EndsAt <= now ? "has expired"
        : coupon.MinimumSpend is { } min && subtotal < min ? $"needs a spend of at least {min:0.00} at this shop"
        : coupon.UsageLimit is { } limit && coupon.UsedCount >= limit ? "has been fully used"
        : null;

    private static decimal ShippingPrice(ShippingZone zone, decimal subtotal, int items) =>
        zone.FreeOver is { } free && subtotal >= free ? 0m
        : zone.RateKind == ShippingRateKind.PerItem ? Money(zone.Rate * items)
        : zone.Rate;

    private static async Task<decimal> TaxRateAsync(AppDbContext db, DeliveryLocation location, CancellationToken cancellationToken)
    {
        var region = location.Region ?? "";
        var rates = await db.TaxRates.AsNoTracking().Where(t => t.Country == location.Country && (t.Region == "" || t.Region == region))
            .Select(t => new { t.Region, t.Rate }).ToListAsync(cancellationToken);
        return rates.OrderByDescending(r => r.Region.Length).Select(r => r.Rate).FirstOrDefault();
    }

    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
