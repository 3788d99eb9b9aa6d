namespace Ecommerce.Core.Shops;

public enum ShopSectionKind { Hero = 0, FeaturedProducts = 1, ProductGrid = 2, RichText = 3, ImageWithText = 4, Announcement = 5 }

public enum ProductGridSource { Newest = 0, Bestselling = 1, Category = 2, Tag = 3 }

/// <summary>
/// One block of a shop's storefront page, as composed in the shop builder. A shop keeps two lists of them:
/// the draft being edited and the published one shoppers see. Which fields matter depends on <see cref="Kind"/>.
/// </summary>
public sealed class ShopSection
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public ShopSectionKind Kind { get; set; }
    public string? Heading { get; set; }
    /// <summary>Markdown (rich text, image with text, hero) or plain text (announcement).</summary>
    public string? Text { get; set; }
    public string? ImageUrl { get; set; }
    public string? ImageAlt { get; set; }
    /// <summary>Image with text: picture on the left (false) or right (true).</summary>
    public bool ImageOnRight { get; set; }
    public string? ButtonText { get; set; }
    public string? ButtonUrl { get; set; }
    /// <summary>Featured products: the picked products, in order.</summary>
    public List<int> ProductIds { get; set; } = [];
    public ProductGridSource GridSource { get; set; }
    public int? GridCategoryId { get; set; }
    public string? GridTag { get; set; }
    public int GridCount { get; set; } = 8;
}
