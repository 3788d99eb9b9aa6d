using Ecommerce.Core.Common;
using Ecommerce.Core.Shops;

namespace Ecommerce.Core.Catalog;

public enum ProductStatus { Draft = 0, Active = 1, Archived = 2 }

/// <summary>
/// A product of any kind. The columns are what every product has; what differs by kind lives in
/// <see cref="Attributes"/>, a JSON document shaped by the category's attribute template.
/// </summary>
public class Product : IVersioned
{
    public int Id { get; set; }
    public int ShopId { get; set; }
    public Shop? Shop { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public required string Name { get; set; }
    /// <summary>Unique across the platform; the product's address is /p/{slug}.</summary>
    public required string Slug { get; set; }
    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string Description { get; set; } = "";
    public string? Brand { get; set; }
    public List<string> Tags { get; set; } = [];
    public ProductStatus Status { get; set; }
    /// <summary>Set when an admin unlists the product (moderation): it leaves search and cannot be bought until relisted.</summary>
    public DateTime? UnlistedAt { get; set; }
    /// <summary>Why it was unlisted, shown to the merchant.</summary>
    public string? UnlistedReason { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = [];
    /// <summary>What the variants vary by; each variant's Options holds one value of each.</summary>
    public List<ProductOption> Options { get; set; } = [];
    /// <summary>Lowest variant price, kept on the product so lists can sort and filter without a join.</summary>
    public decimal MinPrice { get; set; }
    public string Currency { get; set; } = "USD";
    public int SalesCount { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
    [Stamped] public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
    public List<ProductVariant> Variants { get; set; } = [];
    public List<ProductImage> Images { get; set; } = [];
}
