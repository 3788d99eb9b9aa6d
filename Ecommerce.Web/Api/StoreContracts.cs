using System.Text.Json.Serialization;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;

namespace Ecommerce.Web.Api;

// The store API's wire format (camelCase, the host's default JSON names). Requests carry variants, quantities,
// an address and a way to pay, never a price: any price-like member a client adds is an unknown member and ignored.
// Numbers only as JSON numbers, so "5" or 1e20 is a 400 naming the field.

[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class CartLineRequest
{
    public int VariantId { get; init; }
    public int Quantity { get; init; }
}

[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class QuantityRequest
{
    public int Quantity { get; init; }
}

[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class AddressRequest
{
    public string? Name { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }
    public string? PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2, e.g. US.</summary>
    public string? Country { get; init; }
    public string? Phone { get; init; }

    public PostalAddress ToAddress() => new()
    {
        Name = Name ?? "", Line1 = Line1 ?? "", Line2 = Line2, City = City ?? "", Region = Region,
        PostalCode = PostalCode ?? "", Country = Country ?? "", Phone = Phone,
    };
}

/// <summary>A card (the Sandbox's test numbers: 4242424242424242 succeeds) or a provider payment method id.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class PaymentRequest
{
    public string? CardNumber { get; init; }
    public int? ExpMonth { get; init; }
    public int? ExpYear { get; init; }
    public string? Cvc { get; init; }
    public string? PaymentMethodId { get; init; }

    public PaymentMethodDetails ToDetails() => new(CardNumber, ExpMonth, ExpYear, Cvc, PaymentMethodId);
}

/// <summary>What to quote: lines (default: the caller's cart), where to, the zone chosen per shop id, a coupon.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public class QuoteRequestBody
{
    public List<CartLineRequest>? Lines { get; init; }
    public AddressRequest? ShipTo { get; init; }
    /// <summary>Shop id → shipping zone id; a shop left out gets its cheapest option.</summary>
    public Dictionary<int, int>? ShippingChoices { get; init; }
    public string? CouponCode { get; init; }
}

/// <summary>Placing an order. Email is required for guests; a signed-in user's defaults to their account's.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class CheckoutRequest : QuoteRequestBody
{
    public string? Email { get; init; }
    public PaymentRequest? Payment { get; init; }
}

public sealed record CartLineResponse(int VariantId, int Quantity);

public sealed record ShippingOptionResponse(int ZoneId, string Name, decimal Price, int MinDays, int MaxDays)
{
    public static ShippingOptionResponse From(ShippingOption o) => new(o.ZoneId, o.Name, o.Price, o.MinDays, o.MaxDays);
}

public sealed record QuoteLineResponse(
    int VariantId, int ProductId, string ProductName, string ProductSlug, string VariantTitle, string Sku, string? ImageUrl,
    decimal ListPrice, decimal UnitPrice, int Quantity, decimal LineTotal, int Available, bool OnSale, DateTime? FlashSaleEndsAt, string? Problem);

public sealed record ShopQuoteResponse(
    int ShopId, string ShopName, string ShopSlug, IReadOnlyList<QuoteLineResponse> Lines, decimal Subtotal,
    IReadOnlyList<ShippingOptionResponse> ShippingOptions, ShippingOptionResponse? Shipping, bool Deliverable,
    string? CouponCode, decimal Discount, decimal Tax, decimal Total);

/// <summary>A priced cart or checkout, computed on the server; <c>problems</c> lists what stops an order.</summary>
public sealed record QuoteResponse(
    IReadOnlyList<ShopQuoteResponse> Shops, int ItemCount, decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total,
    string Currency, bool HasAddress, bool CanPlaceOrder, IReadOnlyList<string> Problems)
{
    public static QuoteResponse From(Quote q) => new(
        q.Shops.Select(s => new ShopQuoteResponse(s.ShopId, s.ShopName, s.ShopSlug,
            s.Lines.Select(l => new QuoteLineResponse(l.VariantId, l.ProductId, l.ProductName, l.ProductSlug, l.VariantTitle, l.Sku, l.ImageUrl,
                l.ListPrice, l.UnitPrice, l.Quantity, l.LineTotal, l.Available, l.OnSale, l.FlashSaleEndsAt, l.Problem)).ToList(),
            s.Subtotal, s.ShippingOptions.Select(ShippingOptionResponse.From).ToList(), s.Shipping is null ? null : ShippingOptionResponse.From(s.Shipping),
            s.Deliverable, s.CouponCode, s.Discount, s.Tax, s.Total)).ToList(),
        q.ItemCount, q.Subtotal, q.Discount, q.Shipping, q.Tax, q.Total, q.Currency, q.HasAddress, q.CanPlaceOrder, q.Problems);
}

public sealed record WishlistItemResponse(
    int ProductId, string Name, string Slug, string Url, string ShopName, decimal Price, decimal? CompareAtPrice, string Currency,
    string? ImageUrl, bool InStock, int? VariantId, DateTime AddedAt);

public sealed record WishlistPageResponse(IReadOnlyList<WishlistItemResponse> Items, int Page, int PageSize, int Total, int PageCount)
{
    public static WishlistPageResponse From(PagedResult<WishlistEntry> page) => new(
        page.Items.Select(e => new WishlistItemResponse(e.Product.Id, e.Product.Name, e.Product.Slug, $"/p/{e.Product.Slug}", e.Product.ShopName,
            e.Product.Price, e.Product.CompareAtPrice, e.Product.Currency, e.Product.ImageUrl, e.Product.InStock, e.VariantId, e.AddedAt)).ToList(),
        page.Page, page.PageSize, page.Total, page.PageCount);
}

/// <summary>The answer to a checkout: 201 for a new order, 200 for the same idempotency key again.</summary>
public sealed record CheckoutResponse(
    int OrderId, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))] OrderStatus Status, decimal Total, string Currency)
{
    public static CheckoutResponse From(CheckoutResult r) => new(r.OrderId, r.Number, r.Status, r.Total, r.Currency);
}

public sealed record OrderSummaryResponse(
    int OrderId, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))] OrderStatus Status,
    DateTime PlacedAt, decimal Total, string Currency, int ItemCount, IReadOnlyList<string> Shops);

public sealed record OrderPageResponse(IReadOnlyList<OrderSummaryResponse> Items, int Page, int PageSize, int Total, int PageCount)
{
    public static OrderPageResponse From(PagedResult<OrderSummary> page) => new(
        page.Items.Select(o => new OrderSummaryResponse(o.Id, o.Number, o.Status, o.PlacedAt, o.Total, o.Currency, o.ItemCount, o.Shops)).ToList(),
        page.Page, page.PageSize, page.Total, page.PageCount);
}

public sealed record AddressResponse(string Name, string Line1, string? Line2, string City, string? Region, string PostalCode, string Country, string? Phone);

/// <summary>A bought line; <c>id</c> names it in a return, <c>quantityShipped</c> less <c>quantityReturned</c> is what can still be returned once delivered.</summary>
public sealed record OrderLineResponse(
    int ProductId, int VariantId, string ProductName, string VariantTitle, string Sku, decimal ListPrice, decimal UnitPrice, int Quantity, decimal LineTotal,
    int Id, int QuantityShipped, int QuantityReturned);

public sealed record ShopOrderResponse(
    int ShopOrderId, int ShopId, string ShopName, [property: JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))] OrderStatus Status,
    decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total, string? CouponCode, string ShippingMethod,
    int DeliveryMinDays, int DeliveryMaxDays, string? Carrier, string? TrackingNumber, IReadOnlyList<OrderLineResponse> Lines);

/// <summary>A step of the order's timeline; <c>shopOrderId</c> is set when it concerns one shop's part only.</summary>
public sealed record OrderStepResponse(
    DateTime At,
    [property: JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))] OrderStatus? From,
    [property: JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))] OrderStatus To,
    string Actor, string? Reason, int? ShopOrderId);

public sealed record OrderResponse(
    int OrderId, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))] OrderStatus Status, string Email,
    DateTime PlacedAt, DateTime PaymentDueBy, DateTime? PaidAt, string Currency, decimal Subtotal, decimal Discount, decimal Shipping,
    decimal Tax, decimal Total, AddressResponse ShipTo, IReadOnlyList<ShopOrderResponse> ShopOrders, IReadOnlyList<OrderStepResponse> History)
{
    public static OrderResponse From(OrderDetail o) => new(
        o.Id, o.Number, o.Status, o.Email, o.PlacedAt, o.PaymentDueBy, o.PaidAt, o.Currency, o.Subtotal, o.Discount, o.Shipping, o.Tax, o.Total,
        new AddressResponse(o.ShipTo.Name, o.ShipTo.Line1, o.ShipTo.Line2, o.ShipTo.City, o.ShipTo.Region, o.ShipTo.PostalCode, o.ShipTo.Country, o.ShipTo.Phone),
        o.ShopOrders.Select(s => new ShopOrderResponse(s.Id, s.ShopId, s.ShopName, s.Status, s.Subtotal, s.Discount, s.Shipping, s.Tax, s.Total,
            s.CouponCode, s.ShippingMethod, s.DeliveryMinDays, s.DeliveryMaxDays, s.Carrier, s.TrackingNumber,
            s.Lines.Select(l => new OrderLineResponse(l.ProductId, l.VariantId, l.ProductName, l.VariantTitle, l.Sku, l.ListPrice, l.UnitPrice, l.Quantity, l.LineTotal,
                l.Id, l.QuantityShipped, l.QuantityReturned)).ToList())).ToList(),
        o.History.Select(h => new OrderStepResponse(h.At, h.From, h.To, h.Actor, h.Reason, h.ShopOrderId)).ToList());
}

/// <summary>A return of delivered units of one shop's part of an order.</summary>
public sealed class ReturnRequestBody
{
    public List<ReturnLineBody>? Lines { get; init; }
    public string? Reason { get; init; }
}

public sealed class ReturnLineBody
{
    public int OrderLineId { get; init; }
    public int Quantity { get; init; }
}

public sealed record ReturnResponse(int Id, int ShopOrderId, string Status, string Reason, DateTime RequestedAt, IReadOnlyList<CartLineResponse> Lines)
{
    public static ReturnResponse From(Ecommerce.Core.Orders.ReturnRequest r) =>
        new(r.Id, r.ShopOrderId, r.Status.ToString(), r.Reason, r.RequestedAt, r.Lines.Select(l => new CartLineResponse(l.OrderLineId, l.Quantity)).ToList());
}
