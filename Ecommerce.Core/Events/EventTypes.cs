namespace Ecommerce.Core.Events;

/// <summary>The names of the platform's events, one place for all of them.</summary>
public static class EventTypes
{
    public const string ProductRegistered = "product.registered";
    public const string ProductUpdated = "product.updated";
    public const string ProductDeleted = "product.deleted";
    public const string StockChanged = "stock.changed";
    public const string ShopPublished = "shop.published";
    /// <summary>A merchant changed the shop's settings (name, address, description, images, shipping zones).</summary>
    public const string ShopUpdated = "shop.updated";
    /// <summary>An admin suspended or reinstated a shop: its products leave or rejoin search.</summary>
    public const string ShopStatusChanged = "shop.status-changed";
    /// <summary>An admin renamed, re-slugged or moved a category, or changed its template: its products are reindexed.</summary>
    public const string CategoryChanged = "category.changed";
    /// <summary>An admin approved or rejected a merchant application.</summary>
    public const string MerchantDecided = "merchant.decided";
    public const string OrderPlaced = "order.placed";
    public const string OrderPaid = "order.paid";
    public const string OrderPaymentFailed = "order.payment-failed";
    public const string OrderExpired = "order.expired";
    public const string OrderCancelled = "order.cancelled";
    public const string ShopOrderProcessing = "shop-order.processing";
    public const string ShopOrderShipped = "shop-order.shipped";
    public const string ShopOrderDelivered = "shop-order.delivered";
    public const string ShopOrderCancelled = "shop-order.cancelled";
    public const string ShopOrderRefunded = "shop-order.refunded";
    public const string ShipmentSent = "shipment.sent";
    public const string ReturnRequested = "return.requested";
    public const string ReturnDecided = "return.decided";
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentFailed = "payment.failed";
}

/// <summary>Payload of the product.* events.</summary>
public sealed record ProductEvent(int ProductId, int ShopId);

/// <summary>Payload of shop.status-changed and shop.updated.</summary>
public sealed record ShopEvent(int ShopId);

/// <summary>Payload of category.changed.</summary>
public sealed record CategoryEvent(int CategoryId);

/// <summary>Payload of stock.changed.</summary>
public sealed record StockChangedEvent(int ProductId, int VariantId, int OnHand, string Reason);

/// <summary>Payload of the order.* events.</summary>
public sealed record OrderEvent(int OrderId, string Number, string? Reason = null, int? ShopOrderId = null);
