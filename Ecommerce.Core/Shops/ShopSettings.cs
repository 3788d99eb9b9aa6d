using Ecommerce.Core.Shipping;

namespace Ecommerce.Core.Shops;

/// <summary>
/// A shop's settings as the merchant edits them (a detached copy, not a tracked entity). <see cref="Version"/> is
/// the version the edit started from; saving it after someone else's save is refused. The shop's theme (accent colour,
/// font, logo, banner) is not here: the shop builder alone edits it, as a draft that goes live when published, so a
/// settings save and a publish never overwrite each other's theme.
/// </summary>
public sealed class ShopSettings
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid Version { get; set; }
    /// <summary>Zones with Id 0 are new; existing zones missing from the list are deleted on save.</summary>
    public List<ShippingZone> Zones { get; set; } = [];
}
