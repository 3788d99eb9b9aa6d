namespace Ecommerce.Core.Events;

/// <summary>The names of the platform's events, one place for all of them.</summary>
public static class EventTypes
{
    public const string ProductRegistered = "product.registered";
    public const string ProductUpdated = "product.updated";
    public const string ProductDeleted = "product.deleted";
    public const string StockChanged = "stock.changed";
    public const string ShopPublished = "shop.published";
}

/// <summary>Payload of the product.* events.</summary>
public sealed record ProductEvent(int ProductId, int ShopId);

/// <summary>Payload of stock.changed.</summary>
public sealed record StockChangedEvent(int ProductId, int VariantId, int OnHand, string Reason);
