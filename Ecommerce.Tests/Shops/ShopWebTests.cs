using System.Net;
using System.Net.Http.Json;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Media;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Shops;

/// <summary>Uploaded media and the merchant/admin pages of this feature over real HTTP.</summary>
[Collection(WebCollection.Name)]
public sealed class ShopWebTests(WebAppFixture app)
{
    private Task<HttpClient> SignedInAsync(string email, string password) => app.SignedInClientAsync(email, password);

    private Task<string> UserIdAsync(string email) => app.UserIdAsync(email);

    [Fact]
    public async Task Media_serves_an_upload_with_its_type_and_immutable_cache_headers()
    {
        var media = app.Services.GetRequiredService<MediaStore>();
        var file = await media.SaveAsync("test", "dot.png", new MemoryStream(TestImages.TinyPng));

        using var client = app.CreateClient();
        var response = await client.GetAsync(file.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType); // its full variant
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotEqual(TestImages.TinyPng, await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{Guid.NewGuid():N}.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{file.Id:N}.jpg")).StatusCode);
    }

    [Fact]
    public async Task A_merchant_cannot_open_another_merchants_shop_in_the_console()
    {
        var shops = app.Services.GetRequiredService<MerchantShops>();
        var own = (await shops.ShopsOfAsync(await UserIdAsync(DemoSeeder.MerchantEmail))).First();
        var other = (await shops.ShopsOfAsync(await UserIdAsync("merchant2@demo.local"))).First();
        using var client = await SignedInAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);

        var mine = await client.GetAsync($"/merchant/shops/{own.Id}");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains(own.Slug, await mine.Content.ReadAsStringAsync());

        foreach (var path in new[] { $"/merchant/shops/{other.Id}", $"/merchant/shops/{other.Id}/builder" })
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(other.Slug, body);
            Assert.DoesNotContain(other.Name, body);
        }
    }

    [Theory]
    [InlineData(DemoSeeder.MerchantEmail)]
    [InlineData(DemoSeeder.ShopperEmail)]
    public async Task The_merchant_applications_page_is_for_admins_only(string email)
    {
        using var client = await SignedInAsync(email, DemoSeeder.DemoPassword);
        var response = await client.GetAsync("/admin/merchants");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery);

        using var admin = await SignedInAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/merchants")).StatusCode);
    }

    [Fact]
    public async Task Sell_asks_visitors_to_log_in()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/sell");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
