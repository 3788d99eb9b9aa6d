using System.Net;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// Every governance page and /api/v1/admin endpoint, over real HTTP: anonymous callers are sent to log in (pages) or get
/// a 401 problem (API); shoppers and merchants are refused (access denied, 403); the admin gets in.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminAccessTests(WebAppFixture app)
{
    public static TheoryData<string> Pages => ["/admin/shops", "/admin/products", "/admin/users", "/admin/events", "/admin/audit"];

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v1/admin/shops" }, { "POST", "/api/v1/admin/shops/1/suspend" }, { "POST", "/api/v1/admin/shops/1/reinstate" },
        { "GET", "/api/v1/admin/products?unlisted=true" }, { "POST", "/api/v1/admin/products/1/unlist" }, { "POST", "/api/v1/admin/products/1/relist" },
        { "GET", "/api/v1/admin/users" }, { "GET", "/api/v1/admin/users/x" }, { "PUT", "/api/v1/admin/users/x/roles" },
        { "POST", "/api/v1/admin/users/x/lock" }, { "POST", "/api/v1/admin/users/x/unlock" }, { "POST", "/api/v1/admin/users/x/reset-two-factor" },
        { "GET", "/api/v1/admin/events" }, { "POST", "/api/v1/admin/events/1/retry" }, { "POST", "/api/v1/admin/events/retry-all" },
        { "GET", "/api/v1/admin/audit" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_send_anonymous_visitors_to_log_in_and_refuse_shoppers_and_merchants(string path)
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString());

        foreach (var email in new[] { DemoSeeder.ShopperEmail, DemoSeeder.MerchantEmail })
        {
            using var client = await app.SignedInClientAsync(email, DemoSeeder.DemoPassword);
            var refused = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/Identity/Account/AccessDenied", refused.Headers.Location!.ToString());
        }

        using var admin = await app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoints_answer_401_to_anonymous_and_403_to_shoppers_and_merchants(string method, string path)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = method == "GET" ? null : AdminTestKit.JsonContent("{}") };

        using var anonymous = app.CreateClient();
        var unauthorized = await anonymous.SendAsync(Request());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);

        using var shopper = await AdminTestKit.BearerClientAsync(app, DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.SendAsync(Request())).StatusCode);
        using var merchant = await app.SignedInClientAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        var forbidden = await merchant.SendAsync(Request());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }
}
