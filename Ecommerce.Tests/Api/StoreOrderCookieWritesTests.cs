using System.Net;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>
/// A return asked for with the site cookie must come as application/json, like every admin change (Api/CookieWrites):
/// what a cross-site form or a bodiless request could send is refused before the handler reads anything.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StoreOrderCookieWritesTests(WebAppFixture app)
{
    [Fact]
    public async Task A_return_sent_with_the_cookie_must_be_json()
    {
        var (cookie, _) = await NewCookieShopperAsync(app);
        var (bearer, _) = await NewBearerShopperAsync(app);
        const string path = "/api/v1/orders/EC-NOTMINE1/returns";
        const string json = """{"shopOrderId": 1, "lines": [{"orderLineId": 1, "quantity": 1}], "reason": "too small"}""";

        var plain = await cookie.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "text/plain"));
        var form = await cookie.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { [json] = "" }));
        var bodiless = await cookie.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, bodiless.StatusCode);
        // JSON with the cookie, and a bearer call without a body, get past the guard to the handler (no such order of theirs).
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, (await cookie.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, (await bearer.PostAsync(path, null)).StatusCode);
    }
}
