using Ecommerce.Core.Inventory;

namespace Ecommerce.Core.Checkout;

/// <summary>A line the shopper asks for: a variant and how many. Nothing price-like is ever accepted from a client.</summary>
public sealed record LineRequest(int VariantId, int Quantity);

/// <summary>A way a shop can deliver to the address: one of its shipping zones, priced for this order.</summary>
public sealed record ShippingOption(int ZoneId, string Name, decimal Price, int MinDays, int MaxDays);

/// <summary>One priced line, with what stops it from being bought (null when nothing does).</summary>
public sealed record QuoteLine(
    int VariantId, int ProductId, string ProductName, string ProductSlug, string VariantTitle, string Sku, string? ImageUrl,
    decimal ListPrice, decimal UnitPrice, int Quantity, decimal LineTotal, int Available, FlashSaleTerms? FlashSale,
    DateTime? FlashSaleEndsAt, string? Problem)
{
    public bool OnSale => FlashSale is not null;
}

/// <summary>One shop's part: its lines, the delivery options to the address, coupon, tax and total.</summary>
public sealed record ShopQuote(
    int ShopId, string ShopName, string ShopSlug, IReadOnlyList<QuoteLine> Lines, decimal Subtotal,
    IReadOnlyList<ShippingOption> ShippingOptions, ShippingOption? Shipping, int? CouponId, string? CouponCode,
    decimal Discount, decimal Tax, decimal Total)
{
    public bool Deliverable => Shipping is not null;
    public int ItemCount => Lines.Sum(l => l.Quantity);
}

/// <summary>
/// Everything a cart or checkout costs, computed on the server from the database: prices (with live flash
/// sales), each shop's shipping, the coupon, tax and totals. <see cref="Problems"/> lists what must change before
/// an order can be placed.
/// </summary>
public sealed record Quote(
    IReadOnlyList<ShopQuote> Shops, decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total,
    string Currency, bool HasAddress, string? CouponProblem)
{
    public IEnumerable<QuoteLine> Lines => Shops.SelectMany(s => s.Lines);
    public int ItemCount => Shops.Sum(s => s.ItemCount);

    /// <summary>Every reason the order cannot be placed as it is, in words a shopper understands.</summary>
    public IReadOnlyList<string> Problems =>
        Lines.Where(l => l.Problem is not null).Select(l => l.Problem == Pricer.SoldOut
                // Worded as checkout words it when the last unit goes during the reservation, so both read alike.
                ? StockLevels.SoldOutMessage(l.ProductName, l.VariantTitle)
                : $"{l.ProductName} ({l.VariantTitle}): {l.Problem}")
            .Concat(HasAddress ? Shops.Where(s => !s.Deliverable).Select(s => $"{s.ShopName} does not deliver to this address; remove its items to continue.") : [])
            .Concat(CouponProblem is null ? [] : [CouponProblem])
            .ToList();

    public bool CanPlaceOrder => Shops.Count > 0 && HasAddress && Problems.Count == 0;
}
