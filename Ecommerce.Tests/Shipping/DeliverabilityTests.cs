using Ecommerce.Core.Shipping;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Shipping;

public sealed class DeliveryLocationTests
{
    [Theory]
    [InlineData("us", " 94107 ", "ca", "US|94107|CA")]
    [InlineData("GB", "sw1a 1aa", null, "GB|SW1A 1AA|")]
    [InlineData("DE", null, null, "DE||")]
    public void Valid_locations_are_normalised(string country, string? postal, string? region, string serialized) =>
        Assert.Equal(serialized, DeliveryLocation.Create(country, postal, region)!.Serialize());

    [Theory]
    [InlineData("USA", null, null)]
    [InlineData("", "94107", null)]
    [InlineData("US", "<script>", null)]
    [InlineData("US", "94107", "California!")]
    public void Invalid_locations_are_refused(string country, string? postal, string? region) =>
        Assert.Null(DeliveryLocation.Create(country, postal, region));

    [Theory]
    [InlineData("US|94107|CA", true)]
    [InlineData("garbage", false)]
    [InlineData("US|<b>|", false)]
    [InlineData(null, false)]
    public void Cookies_parse_only_when_valid(string? cookie, bool valid) =>
        Assert.Equal(valid, DeliveryLocation.Parse(cookie) is not null);
}

/// <summary>Shops' shipping zones decide deliverability: countries, regions and postal-code prefixes.</summary>
public abstract class DeliverabilityTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    [Fact]
    public async Task Zones_with_regions_and_postal_prefixes_decide_and_the_fastest_zone_wins()
    {
        int local, national;
        await using (var db = database.NewContext())
        {
            var (a, _) = await TestData.ShopWithCategoryAsync(db, "dl-" + Guid.NewGuid().ToString("N")[..6]);
            var (b, _) = await TestData.ShopWithCategoryAsync(db, "dn-" + Guid.NewGuid().ToString("N")[..6]);
            a.ShippingZones.Add(new ShippingZone { Name = "Bay Area", Countries = ["US"], Regions = ["CA"], PostalCodePrefixes = ["94", "95"], MinDays = 1, MaxDays = 2 });
            b.ShippingZones.Add(new ShippingZone { Name = "US", Countries = ["US"], MinDays = 3, MaxDays = 6 });
            b.ShippingZones.Add(new ShippingZone { Name = "Ontario", Countries = ["CA"], Regions = ["ON"], MinDays = 5, MaxDays = 9 });
            b.ShippingZones.Add(new ShippingZone { Name = "US express", Countries = ["US"], PostalCodePrefixes = ["100"], MinDays = 1, MaxDays = 1, Rate = 20m });
            await db.SaveChangesAsync();
            (local, national) = (a.Id, b.Id);
        }
        var deliverability = database.Services.GetRequiredService<Deliverability>();

        var sanFrancisco = DeliveryLocation.Create("US", "94107", "CA")!;
        var newYork = DeliveryLocation.Create("US", "10001", "NY")!;
        var toronto = DeliveryLocation.Create("CA", "M5V 2T6", "ON")!;
        var vancouver = DeliveryLocation.Create("CA", "V5K 0A1", "BC")!;

        var sf = await deliverability.EstimatesAsync([local, national], sanFrancisco);
        Assert.Equal(new DeliveryEstimate(1, 2, "Bay Area"), sf[local]);
        Assert.Equal(new DeliveryEstimate(3, 6, "US"), sf[national]);

        Assert.Null(await deliverability.EstimateAsync(local, newYork));
        Assert.Equal("US express", (await deliverability.EstimateAsync(national, newYork))!.ZoneName);
        Assert.Equal("Ontario", (await deliverability.EstimateAsync(national, toronto))!.ZoneName);
        Assert.Null(await deliverability.EstimateAsync(national, vancouver));

        var toNewYork = await deliverability.ShopsDeliveringToAsync(newYork);
        Assert.Contains(national, toNewYork);
        Assert.DoesNotContain(local, toNewYork);
    }
}

public sealed class SqliteDeliverabilityTests(SqliteTestDatabase database) : DeliverabilityTests<SqliteTestDatabase>(database);

public sealed class PostgresDeliverabilityTests(PostgresTestDatabase database) : DeliverabilityTests<PostgresTestDatabase>(database);
