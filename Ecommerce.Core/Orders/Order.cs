using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;

namespace Ecommerce.Core.Orders;

/// <summary>
/// What a shopper bought in one checkout: one shop order per merchant, totals computed on the server, the
/// address copied in. Created by <see cref="Checkout.CheckoutService"/>; moved on by the event pipeline.
/// </summary>
public partial class Order : IVersioned
{
    public int Id { get; set; }
    /// <summary>What the shopper quotes: "EC-7Q4M2X9K".</summary>
    public required string Number { get; set; }
    public string? UserId { get; set; }
    public required string Email { get; set; }
    /// <summary>Whose per-customer limits it counts against ("user:{id}" or "email:{address}").</summary>
    public required string CustomerKey { get; set; }
    /// <summary>The cart it was placed from, so a confirmed order can empty it.</summary>
    public string? ShopperKey { get; set; }
    /// <summary>Sent with the checkout; the same key again returns this order instead of a second one.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>The hash of the checkout request the key was first sent with (CheckoutFingerprint); null on older orders.</summary>
    public string? RequestHash { get; set; }
    /// <summary>Moved only by the methods in OrderLifecycle.cs; a new order awaits its payment.</summary>
    public OrderStatus Status { get; private set; }
    public string Currency { get; set; } = "USD";
    public decimal Subtotal { get; set; }
    public decimal Discount { get; set; }
    public decimal Shipping { get; set; }
    public decimal Tax { get; set; }
    public decimal Total { get; set; }
    public PostalAddress ShipTo { get; set; } = new();
    public DateTime PlacedAt { get; set; }
    /// <summary>Unpaid by then, the order expires and its stock goes back.</summary>
    public DateTime PaymentDueBy { get; set; }
    public DateTime? PaidAt { get; private set; }
    public Guid Version { get; set; }
    public List<ShopOrder> ShopOrders { get; set; } = [];
    public List<OrderHistoryEntry> History { get; set; } = [];
}

/// <summary>One merchant's part of an order, fulfilled on its own.</summary>
public partial class ShopOrder : IVersioned
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public Order? Order { get; set; }
    public int ShopId { get; set; }
    public required string ShopName { get; set; }
    /// <summary>Moved only through its <see cref="Order"/> (OrderLifecycle.cs); a new shop order awaits its payment.</summary>
    public OrderStatus Status { get; private set; }
    public decimal Subtotal { get; set; }
    public decimal Discount { get; set; }
    public decimal Shipping { get; set; }
    public decimal Tax { get; set; }
    public decimal Total { get; set; }
    public int? CouponId { get; set; }
    public string? CouponCode { get; set; }
    public required string ShippingMethod { get; set; }
    public int DeliveryMinDays { get; set; }
    public int DeliveryMaxDays { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    /// <summary>Reserved or refunded so far; never above <see cref="Total"/> (a conditional update keeps it so).</summary>
    public decimal RefundedAmount { get; set; }
    public Guid Version { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>A bought variant with the name and prices it had at checkout.</summary>
public class OrderLine
{
    public int Id { get; set; }
    public int ShopOrderId { get; set; }
    public int ProductId { get; set; }
    public int VariantId { get; set; }
    public required string ProductName { get; set; }
    public required string VariantTitle { get; set; }
    public required string Sku { get; set; }
    /// <summary>The price before any flash sale.</summary>
    public decimal ListPrice { get; set; }
    /// <summary>What the shopper pays per unit (the flash-sale price when one applied).</summary>
    public decimal UnitPrice { get; set; }
    public int Quantity { get; set; }
    public decimal LineTotal { get; set; }
    public int? FlashSaleId { get; set; }
    /// <summary>Units sent in shipments so far (never above <see cref="Quantity"/>).</summary>
    public int QuantityShipped { get; set; }
    /// <summary>Units in return requests not refused (never above <see cref="QuantityShipped"/>).</summary>
    public int QuantityReturned { get; set; }
}

/// <summary>One move of the state machine: who moved the order (or one shop order), when, and why.</summary>
public class OrderHistoryEntry
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public int? ShopOrderId { get; set; }
    public OrderStatus? From { get; set; }
    public OrderStatus To { get; set; }
    /// <summary>"shopper", "system", "payment", a merchant's or admin's email.</summary>
    public required string Actor { get; set; }
    public string? Reason { get; set; }
    public DateTime At { get; set; }
}
