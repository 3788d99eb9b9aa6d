using System.Net;
using System.Text.RegularExpressions;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// The checkout page over real HTTP meets the same per-caller limit as the API's checkout: its GETs (which hold stock)
/// and POSTs (which place orders) count, and past the limit the POST answers 429 with Retry-After.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class CheckoutPageLimitsHttpTests(WebAppFixture app)
{
    private int CheckoutLimit => app.Services.GetRequiredService<IConfiguration>().GetValue("RateLimits:CheckoutPerMinute", 20);

    [Fact]
    public async Task Checkout_page_posts_past_the_callers_limit_get_429_and_other_shoppers_are_unaffected()
    {
        var (client, _) = await StoreApi.NewCookieShopperAsync(app);
        var (other, _) = await StoreApi.NewCookieShopperAsync(app);
        var page = await client.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        FormUrlEncodedContent Post(string action) => new([new("_handler", "checkout"), new("__RequestVerificationToken", token), new("Form.Action", action)]);

        for (var i = 1; i < CheckoutLimit; i++) // the GET above was the first
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/checkout", Post("update"))).StatusCode);

        var refused = await client.PostAsync("/checkout", Post("place"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/checkout")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")] private static partial Regex TokenPattern();
}
