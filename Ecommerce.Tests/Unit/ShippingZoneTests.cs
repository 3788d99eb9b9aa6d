using Ecommerce.Core.Shipping;

namespace Ecommerce.Tests.Unit;

public sealed class ShippingZoneTests
{
    [Fact]
    public void A_country_wide_zone_covers_any_address_in_the_country()
    {
        var zone = new ShippingZone { Name = "US", Countries = ["US"] };
        Assert.True(zone.Covers("US", "CA", "94107"));
        Assert.True(zone.Covers("us", null, null));
        Assert.False(zone.Covers("CA", null, "M5V 2T6"));
    }

    [Fact]
    public void Postal_prefixes_limit_the_zone()
    {
        var zone = new ShippingZone { Name = "Bay Area", Countries = ["US"], PostalCodePrefixes = ["940", "941"] };
        Assert.True(zone.Covers("US", null, "94107"));
        Assert.False(zone.Covers("US", null, "10001"));
        Assert.False(zone.Covers("US", null, null));
    }

    [Fact]
    public void Postal_prefixes_ignore_spaces_and_case()
    {
        var zone = new ShippingZone { Name = "London", Countries = ["GB"], PostalCodePrefixes = ["sw1"] };
        Assert.True(zone.Covers("GB", null, "SW1A 1AA"));
        Assert.True(zone.Covers("GB", null, "sw1a1aa"));
    }

    [Fact]
    public void Regions_limit_the_zone()
    {
        var zone = new ShippingZone { Name = "Ontario and Quebec", Countries = ["CA"], Regions = ["ON", "QC"] };
        Assert.True(zone.Covers("CA", "on", "M5V 2T6"));
        Assert.False(zone.Covers("CA", "BC", "V5K 0A1"));
        Assert.False(zone.Covers("CA", null, "V5K 0A1"));
    }
}
