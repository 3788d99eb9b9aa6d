using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Which cached storefront pages an outbox event changes (the tags of <see cref="StorefrontCache"/>), in one place:
/// <list type="bullet">
/// <item>a product registered, updated, deleted, or its stock changed: its page, its shop's page and every listing;</item>
/// <item>a shop published, edited, suspended or reinstated: its pages (shop page, its products' pages) and every listing;</item>
/// <item>a category changed: its products' pages (they name it) and every listing;</item>
/// <item>an order placed, expired, cancelled or failed that held flash-sale units: those products as above (the units
/// left at the sale price are on their pages and on the home page's deals); any other order, payment, shipment or
/// return event changes no shared page (a sale's stock comes as a stock event of its own; cards show stock on hand).</item>
/// </list>
/// Listings that a product page shows of other products ("more from the shop", "customers also bought") are left to
/// the page's 30-second lifetime, so that a busy shop's sales do not keep emptying all its product pages.
/// </summary>
internal static class StorefrontEviction
{
    private static readonly string[] ProductTypes = [EventTypes.ProductRegistered, EventTypes.ProductUpdated, EventTypes.ProductDeleted];
    private static readonly string[] ShopTypes = [EventTypes.ShopPublished, EventTypes.ShopUpdated, EventTypes.ShopStatusChanged];
    private static readonly string[] FlashSaleOrderTypes = [EventTypes.OrderPlaced, EventTypes.OrderExpired, EventTypes.OrderCancelled, EventTypes.OrderPaymentFailed];

    /// <summary>The event types that can evict a page; the cache reads no others.</summary>
    public static readonly IReadOnlyCollection<string> Types =
        [.. ProductTypes, EventTypes.StockChanged, .. ShopTypes, EventTypes.CategoryChanged, .. FlashSaleOrderTypes];

    /// <summary>The tags to evict for <paramref name="events"/> (a product's shop, an order's flash-sale lines, from the database).</summary>
    public static async Task<IReadOnlySet<string>> TagsAsync(AppDbContext db, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        var tags = new HashSet<string>();
        var products = new Dictionary<int, int?>(); // product id → shop id when the event says it
        var orders = new HashSet<int>();
        foreach (var e in events)
        {
            if (ProductTypes.Contains(e.Type) && Read<ProductEvent>(e) is { } product) products[product.ProductId] = product.ShopId;
            else if (e.Type == EventTypes.StockChanged && Read<StockChangedEvent>(e) is { } stock) products.TryAdd(stock.ProductId, null);
            else if (ShopTypes.Contains(e.Type) && Read<ShopEvent>(e) is { } shop)
                tags.UnionWith([StorefrontCache.ShopTag(shop.ShopId), StorefrontCache.ShopProductsTag(shop.ShopId), StorefrontCache.CatalogueTag]);
            else if (e.Type == EventTypes.CategoryChanged && Read<CategoryEvent>(e) is { } category)
                tags.UnionWith([StorefrontCache.CategoryTag(category.CategoryId), StorefrontCache.CatalogueTag]);
            else if (FlashSaleOrderTypes.Contains(e.Type) && Read<OrderEvent>(e) is { } order) orders.Add(order.OrderId);
        }

        if (orders.Count > 0)
        {
            var onSale = await db.OrderLines.AsNoTracking().Where(l => l.FlashSaleId != null)
                .Join(db.ShopOrders.Where(s => orders.Contains(s.OrderId)), l => l.ShopOrderId, s => s.Id, (l, s) => new { l.ProductId, s.ShopId })
                .Distinct().ToListAsync(cancellationToken);
            foreach (var line in onSale) products[line.ProductId] = line.ShopId;
        }
        var unknownShop = products.Where(p => p.Value is null).Select(p => p.Key).ToList();
        if (unknownShop.Count > 0)
            foreach (var p in await db.Products.AsNoTracking().Where(p => unknownShop.Contains(p.Id)).Select(p => new { p.Id, p.ShopId }).ToListAsync(cancellationToken))
                products[p.Id] = p.ShopId;
        foreach (var (productId, shopId) in products)
        {
            tags.Add(StorefrontCache.ProductTag(productId));
            tags.Add(StorefrontCache.CatalogueTag);
            if (shopId is { } shop) tags.Add(StorefrontCache.ShopProductsTag(shop));
        }
        return tags;
    }

    // ShopPublishedEvent and ShopEvent both carry shopId; an unreadable payload evicts nothing (the page's lifetime bounds it).
    private static T? Read<T>(OutboxMessage e) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(e.Payload, Outbox.Json); }
        catch (JsonException) { return null; }
    }
}
