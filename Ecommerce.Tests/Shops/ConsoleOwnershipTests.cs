using System.Net;
using System.Net.Http.Json;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Shops;

/// <summary>
/// Every merchant console route, asked by the demo merchant for another merchant's shop or product, over real
/// HTTP: the page says not found and reveals nothing of the other shop (one case per route).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleOwnershipTests(WebAppFixture app)
{
    public static TheoryData<string> Routes =>
    [
        "/merchant/shops/{shop}",
        "/merchant/shops/{shop}/builder",
        "/merchant/shops/{shop}/import-export",
        "/merchant/shops/{shop}/api-keys",
        "/merchant/shops/{shop}/products.csv",
        "/merchant/products/{product}",
        "/merchant/products/new?shop={shop}",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_merchants_shop_or_product_is_not_found(string route)
    {
        var otherUserId = await app.UserIdAsync("merchant2@demo.local");
        var otherShop = (await app.Services.GetRequiredService<MerchantShops>().ShopsOfAsync(otherUserId)).First();
        var otherProduct = (await app.Services.GetRequiredService<MerchantCatalog>().ProductsAsync(otherUserId, new MerchantProductQuery(0, 1))).Items.Single();

        using var client = await app.SignedInClientAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);

        var response = await client.GetAsync(route.Replace("{shop}", otherShop.Id.ToString()).Replace("{product}", otherProduct.Id.ToString()));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound || body.Contains("not found", StringComparison.OrdinalIgnoreCase),
            $"{route}: {(int)response.StatusCode} without a not-found message");
        Assert.DoesNotContain(otherShop.Name, body);
        Assert.DoesNotContain(otherShop.Slug, body);
        Assert.DoesNotContain(otherProduct.Name, body);
    }
}
