namespace Ecommerce.Core.Catalog;

// Read models for pages and the API: only what a list or a page shows, never tracked entities.

public sealed record ProductCard(
    int Id, string Name, string Slug, string? Brand, string ShopName, string ShopSlug,
    decimal Price, decimal? CompareAtPrice, string Currency, string? ImageUrl, string ImageAlt, bool InStock);

public sealed record CategoryLink(int Id, string Name, string Slug, string Description);

public sealed record VariantView(int Id, string Sku, string Title, IReadOnlyDictionary<string, string> Options,
    decimal Price, decimal? CompareAtPrice, string Currency, int Available);

public sealed record AttributeRow(string Label, string Value);

public sealed record ProductDetails(
    int Id, string Name, string Slug, string Description, string? Brand, IReadOnlyList<string> Tags,
    CategoryLink Category, string ShopName, string ShopSlug, string ShopAccentColor,
    IReadOnlyList<ProductImage> Images, IReadOnlyList<VariantView> Variants, IReadOnlyList<AttributeRow> Attributes,
    int ShopId)
{
    public bool InStock => Variants.Any(v => v.Available > 0);
    public decimal MinPrice => Variants.Count == 0 ? 0 : Variants.Min(v => v.Price);
}

public enum ProductSort { Newest, Bestselling, PriceLow, PriceHigh, Name }
