using Ecommerce.Core.Common;
using Ecommerce.Core.Shipping;

namespace Ecommerce.Core.Shops;

public enum ShopStatus { Active = 0, Suspended = 1 }

public class Shop : IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public Merchant? Merchant { get; set; }
    public required string Name { get; set; }
    /// <summary>Unique across the platform; the shop's address is /s/{slug}.</summary>
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    /// <summary>CSS colour, #rrggbb.</summary>
    public string AccentColor { get; set; } = "#2f6fde";
    public string? LogoUrl { get; set; }
    public string? BannerUrl { get; set; }
    public ShopFont Font { get; set; }
    /// <summary>The theme as saved in the shop builder and not yet published; null when there is none.</summary>
    public ShopTheme? DraftTheme { get; set; }
    public ShopStatus Status { get; set; }
    public string? StatusReason { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; }
    public List<ShippingZone> ShippingZones { get; set; } = [];
    /// <summary>The shop builder's working copy of the storefront page.</summary>
    public List<ShopSection> DraftSections { get; set; } = [];
    /// <summary>What shoppers see; replaced by the draft when the merchant publishes.</summary>
    public List<ShopSection> PublishedSections { get; set; } = [];
    public DateTime? PublishedAt { get; set; }
}
