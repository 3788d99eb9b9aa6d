using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Api;

/// <summary>
/// What a hostile caller tried against /api/v1 over real HTTP: a cross-site form's change made with the site cookie
/// (Api/CookieWrites), route ids with junk after them (Api/RouteIds), and image addresses a browser reads as another
/// host (SafeUrl).
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class ApiRequestIntegrityTests(WebAppFixture app)
{
    private static HttpRequestMessage CrossSite(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Origin", "https://evil.example");
        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<int> CartUnitsAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/v1/cart"), HttpStatusCode.OK)).GetProperty("itemCount").GetInt32();

    [Fact]
    public async Task A_cross_site_change_made_with_the_cookie_is_refused_and_changes_nothing()
    {
        var product = await NewProductAsync(app, stock: 10);
        var (cookie, _) = await NewCookieShopperAsync(app);
        await JsonAsync(await cookie.PutAsync($"/api/v1/wishlist/{product.ProductId}", JsonContent.Create(new { })), HttpStatusCode.NoContent);

        // What a form on evil.example can send: text/plain, a urlencoded form, or nothing at all.
        var plain = await cookie.SendAsync(CrossSite(HttpMethod.Post, $"/api/v1/wishlist/{product.ProductId}/move-to-cart", new StringContent("x", Encoding.UTF8, "text/plain")));
        var problem = await ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        await ProblemAsync(await cookie.SendAsync(CrossSite(HttpMethod.Post, $"/api/v1/wishlist/{product.ProductId}/move-to-cart",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }))), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await cookie.SendAsync(CrossSite(HttpMethod.Post, $"/api/v1/wishlist/{product.ProductId}/move-to-cart")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await cookie.SendAsync(CrossSite(HttpMethod.Post, "/api/v1/cart/lines",
            new StringContent($$"""{"variantId":{{product.VariantId}},"quantity":3}""", Encoding.UTF8, "text/plain"))), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await CartUnitsAsync(cookie));

        // Every change, not only POST: PUT and DELETE without JSON are refused the same way.
        await ProblemAsync(await cookie.SendAsync(CrossSite(HttpMethod.Delete, $"/api/v1/wishlist/{product.ProductId}")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await cookie.SendAsync(CrossSite(HttpMethod.Put, $"/api/v1/wishlist/{product.ProductId}")), HttpStatusCode.UnsupportedMediaType);
        var wishlist = await JsonAsync(await cookie.GetAsync("/api/v1/wishlist"), HttpStatusCode.OK);
        Assert.Equal(1, wishlist.GetProperty("total").GetInt32());

        // A forged antiforgery token is no way in either.
        var forged = CrossSite(HttpMethod.Post, $"/api/v1/wishlist/{product.ProductId}/move-to-cart");
        forged.Headers.Add("RequestVerificationToken", "forged");
        Assert.Contains("antiforgery", (await ProblemAsync(await cookie.SendAsync(forged), HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(0, await CartUnitsAsync(cookie));

        // The site's own call: JSON (an empty body is fine) with the cookie works.
        await JsonAsync(await cookie.PostAsync($"/api/v1/wishlist/{product.ProductId}/move-to-cart", JsonContent.Create(new { })), HttpStatusCode.NoContent);
        Assert.Equal(1, await CartUnitsAsync(cookie));
    }

    [Fact]
    public async Task A_change_with_the_cookie_and_the_pages_antiforgery_token_is_accepted()
    {
        var product = await NewProductAsync(app, stock: 10);
        var (cookie, _) = await NewCookieShopperAsync(app);
        var page = await cookie.GetStringAsync("/deliver-to");
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "no antiforgery token on /deliver-to");

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/wishlist/{product.ProductId}");
        request.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value));
        await JsonAsync(await cookie.SendAsync(request), HttpStatusCode.NoContent);
        Assert.Equal(1, (await JsonAsync(await cookie.GetAsync("/api/v1/wishlist"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bearer_and_guest_calls_without_a_body_pass_as_before()
    {
        var product = await NewProductAsync(app, stock: 10);
        var (bearer, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await bearer.PutAsync($"/api/v1/wishlist/{product.ProductId}", null), HttpStatusCode.NoContent);
        await JsonAsync(await bearer.PostAsync($"/api/v1/wishlist/{product.ProductId}/move-to-cart", null), HttpStatusCode.NoContent);
        Assert.Equal(1, await CartUnitsAsync(bearer));

        using var guest = Guest(app);
        await JsonAsync(await guest.PutAsync($"/api/v1/wishlist/{product.ProductId}", null), HttpStatusCode.NoContent);
        await JsonAsync(await guest.DeleteAsync($"/api/v1/wishlist/{product.ProductId}"), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_route_id_with_junk_after_it_names_no_resource()
    {
        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var id = (await ProductApi.CreateAsync(merchant)).GetProperty("id").GetInt32();
        await JsonAsync(await merchant.GetAsync($"/api/v1/products/{id}"), HttpStatusCode.OK);

        foreach (var junk in new[] { $"{id}%20", $"%20{id}", $"+{id}", $"{id}%09", $"{id}%0A", $"{id}.0", $"{id}abc", $"0{id}", $"-{id}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/api/v1/products/{junk}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await merchant.DeleteAsync($"/api/v1/products/{junk}")).StatusCode);
        }
        await JsonAsync(await merchant.GetAsync($"/api/v1/products/{id}"), HttpStatusCode.OK); // still there

        var (shopper, _) = await NewBearerShopperAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.PutAsync($"/api/v1/wishlist/{id}%20", null)).StatusCode);
        // The same rule for every {x:int} route, a complex segment too.
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(Ecommerce.Core.Catalog.ProductArt.ShopLogoUrl(7))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync(Ecommerce.Core.Catalog.ProductArt.ShopLogoUrl(7).Replace("7.svg", "7%20.svg"))).StatusCode);
        Assert.Equal(0, (await JsonAsync(await shopper.GetAsync("/api/v1/wishlist"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_order_number_with_junk_after_it_names_no_order()
    {
        var product = await NewProductAsync(app, stock: 10);
        var (shopper, _) = await NewBearerShopperAsync(app);
        var placed = await JsonAsync(await CheckoutAsync(shopper, new { lines = new[] { new { variantId = product.VariantId, quantity = 1 } }, shipTo = UsAddress, payment = Card() }),
            HttpStatusCode.Created);
        var number = placed.GetProperty("number").GetString()!;

        await JsonAsync(await shopper.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.OK);
        await JsonAsync(await shopper.GetAsync($"/api/v1/orders/{number.ToLowerInvariant()}"), HttpStatusCode.OK); // any case, as before
        foreach (var junk in new[] { $"{number}%20", $"%20{number}", $"{number}%09", $"{number}%0A", $"{number}." })
            Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync($"/api/v1/orders/{junk}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.PostAsJsonAsync($"/api/v1/orders/{number}%20/returns", new { })).StatusCode);
    }

    [Theory]
    [InlineData("/\\evil.example/x.png")]
    [InlineData("\\\\evil.example/x.png")]
    [InlineData("//evil.example/x.png")]
    [InlineData("/\t/evil.example/x.png")]
    [InlineData("/media/x.png\n")]
    [InlineData(" //evil.example/x.png")]
    [InlineData("javascript:alert(1)")]
    public async Task An_image_address_a_browser_reads_as_another_host_is_refused(string url)
    {
        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var response = await merchant.PostAsJsonAsync("/api/v1/products", new
        {
            name = "Image check " + Guid.NewGuid().ToString("N")[..6], description = "d", price_usd = 5m, remaining_supply = 1,
            images = new[] { new { url, alt_text = "x" } },
        });
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("images[0].url", out _), problem.ToString());
    }

    [Fact]
    public async Task A_site_path_or_an_https_image_address_is_accepted()
    {
        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var response = await merchant.PostAsJsonAsync("/api/v1/products", new
        {
            name = "Image check " + Guid.NewGuid().ToString("N")[..6], description = "d", price_usd = 5m, remaining_supply = 1,
            images = new[] { new { url = "/media/a.png", alt_text = "a" }, new { url = "https://cdn.example/b.png", alt_text = "b" } },
        });
        await JsonAsync(response, HttpStatusCode.Created);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
