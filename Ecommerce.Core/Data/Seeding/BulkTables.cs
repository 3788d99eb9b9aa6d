using System.Text.Json;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;

namespace Ecommerce.Core.Data.Seeding;

internal enum ColumnType { Int, Text, Json, Money, NullableMoney, Time, Uuid }

internal sealed record BulkColumn<T>(string Name, ColumnType Type, Func<T, object?> Value);

internal sealed record BulkTable<T>(string Name, BulkColumn<T>[] Columns);

/// <summary>
/// The tables the bulk writer fills, column by column, in the model's snake_case names (Data/ModelConventions).
/// Kept beside the entities' shape on purpose: a new non-nullable column on one of these entities must be added
/// here too, or bulk inserts fail loudly with a NOT NULL error.
/// </summary>
internal static class BulkTables
{
    // Same settings as JsonColumnExtensions, so EF reads these documents back exactly as if it had written them.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static readonly BulkTable<Product> Products = new("products",
    [
        new("id", ColumnType.Int, p => p.Id),
        new("shop_id", ColumnType.Int, p => p.ShopId),
        new("category_id", ColumnType.Int, p => p.CategoryId),
        new("name", ColumnType.Text, p => p.Name),
        new("slug", ColumnType.Text, p => p.Slug),
        new("description", ColumnType.Text, p => p.Description),
        new("brand", ColumnType.Text, p => p.Brand),
        new("tags", ColumnType.Json, p => ToJson(p.Tags)),
        new("status", ColumnType.Int, p => (int)p.Status),
        new("attributes", ColumnType.Json, p => ToJson(p.Attributes)),
        new("options", ColumnType.Json, p => ToJson(p.Options)),
        new("min_price", ColumnType.Money, p => p.MinPrice),
        new("currency", ColumnType.Text, p => p.Currency),
        new("sales_count", ColumnType.Int, p => p.SalesCount),
        new("created_at", ColumnType.Time, p => p.CreatedAt),
        new("updated_at", ColumnType.Time, p => p.UpdatedAt),
        new("version", ColumnType.Uuid, p => p.Version),
    ]);

    public static readonly BulkTable<ProductVariant> Variants = new("product_variants",
    [
        new("id", ColumnType.Int, v => v.Id),
        new("product_id", ColumnType.Int, v => v.ProductId),
        new("sku", ColumnType.Text, v => v.Sku),
        new("options", ColumnType.Json, v => ToJson(v.Options)),
        new("price", ColumnType.Money, v => v.Price),
        new("compare_at_price", ColumnType.NullableMoney, v => v.CompareAtPrice),
        new("currency", ColumnType.Text, v => v.Currency),
        new("position", ColumnType.Int, v => v.Position),
        new("version", ColumnType.Uuid, v => v.Version),
    ]);

    public static readonly BulkTable<StockItem> Stock = new("stock_items",
    [
        new("variant_id", ColumnType.Int, s => s.VariantId),
        new("on_hand", ColumnType.Int, s => s.OnHand),
        new("reserved", ColumnType.Int, s => s.Reserved),
        new("updated_at", ColumnType.Time, s => s.UpdatedAt),
    ]);

    // Ids of images and outbox rows are left to the database: nothing refers to them here.
    public static readonly BulkTable<ProductImage> Images = new("product_images",
    [
        new("product_id", ColumnType.Int, i => i.ProductId),
        new("url", ColumnType.Text, i => i.Url),
        new("alt_text", ColumnType.Text, i => i.AltText),
        new("position", ColumnType.Int, i => i.Position),
    ]);

    public static readonly BulkTable<OutboxMessage> Outbox = new("outbox_messages",
    [
        new("type", ColumnType.Text, m => m.Type),
        new("payload", ColumnType.Text, m => m.Payload),
        new("occurred_at", ColumnType.Time, m => m.OccurredAt),
        new("status", ColumnType.Int, m => (int)m.Status),
        new("attempts", ColumnType.Int, m => m.Attempts),
        new("next_attempt_at", ColumnType.Time, m => m.NextAttemptAt),
    ]);
}
