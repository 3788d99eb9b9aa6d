using Ecommerce.Core.Shipping;

namespace Ecommerce.Tests.Unit;

public sealed class DeliveryLocationTests
{
    [Theory]
    [InlineData("jp", null, "Japan")]
    [InlineData("BR", null, "Brazil")]
    [InlineData("de", "10115", "10115, Germany")]
    [InlineData("us", "94107", "94107, United States")]
    public void A_location_reads_as_its_postal_code_and_country_name_once(string country, string? postal, string display)
    {
        Assert.Equal(display, DeliveryLocation.Create(country, postal, null)!.Display);
    }
}
