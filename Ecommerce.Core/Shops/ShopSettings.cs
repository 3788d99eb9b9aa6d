using Ecommerce.Core.Shipping;

namespace Ecommerce.Core.Shops;

/// <summary>
/// A shop's settings as the merchant edits them (a detached copy, not a tracked entity). <see cref="Version"/> is
/// the version the edit started from; saving it after someone else's save is refused.
/// </summary>
public sealed class ShopSettings
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public string AccentColor { get; set; } = "#2f6fde";
    public string? LogoUrl { get; set; }
    public string? BannerUrl { get; set; }
    public Guid Version { get; set; }
    /// <summary>Zones with Id 0 are new; existing zones missing from the list are deleted on save.</summary>
    public List<ShippingZone> Zones { get; set; } = [];
}
