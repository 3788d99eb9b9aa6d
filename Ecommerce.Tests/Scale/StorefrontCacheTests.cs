using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Scale;

/// <summary>
/// Output caching of anonymous storefront pages over real HTTP: a visitor without cookies is served a shared copy
/// (the middleware's Age header says so) that holds no token and sets no cookie; its forms still post; signed-in
/// visitors and visitors with a cart never get a shared copy; a change through the API replaces the copy.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StorefrontCacheTests(WebAppFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=jacket")]
    [InlineData("/s/northwind-outfitters")]
    public async Task An_anonymous_page_is_served_from_the_cache_without_cookies(string path)
    {
        using var visitor = app.CreateClient();
        var responses = await RepeatAsync(visitor, path);

        Assert.Contains(responses, r => r.Headers.Age is not null); // a hit: other tests' events may evict one copy, not five
        Assert.All(responses, r => Assert.False(r.Headers.Contains("Set-Cookie"), path));
    }

    [Fact]
    public async Task A_cached_product_page_holds_no_token_and_its_add_to_cart_form_still_posts()
    {
        var product = await NewProductAsync(app, stock: 5);
        var slug = await SlugAsync(product.ProductId);
        using var visitor = app.CreateClient();
        var responses = await RepeatAsync(visitor, $"/p/{slug}");
        var page = await responses.First(r => r.Headers.Age is not null).Content.ReadAsStringAsync();
        Assert.DoesNotContain("__RequestVerificationToken", page);
        Assert.Contains(product.Name, page);

        // The browser posts the cached page's form from this site (it says so in Origin).
        var added = await visitor.SendAsync(FormPost(product.VariantId, origin: app.BaseAddress.GetLeftPart(UriPartial.Authority)));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // The site's cart page (the JSON API takes a guest's token from X-Cart-Token, not from the cookie).
        Assert.Contains(product.Name, await visitor.GetStringAsync("/cart"));
        // Now the visitor has a cart: their pages are their own (cart count, tokens), never the shared copy.
        var own = await RepeatAsync(visitor, $"/p/{slug}");
        Assert.All(own, r => Assert.Null(r.Headers.Age));
        var ownPage = await own[^1].Content.ReadAsStringAsync();
        Assert.Contains("__RequestVerificationToken", ownPage);
        Assert.Matches(new Regex("class=\"cart-count\"[^>]*>1<"), ownPage);
    }

    [Fact]
    public async Task A_tokenless_post_from_another_site_or_from_nowhere_is_refused()
    {
        var product = await NewProductAsync(app, stock: 5);
        using var visitor = app.CreateClient();

        var forged = await visitor.SendAsync(FormPost(product.VariantId, origin: "https://evil.example"));
        var bare = await visitor.SendAsync(FormPost(product.VariantId, origin: null));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie")); // no cart was made
    }

    [Fact]
    public async Task A_signed_in_visitor_never_gets_the_shared_copy()
    {
        using var shopper = await app.SignedInClientAsync("shopper@demo.local", "Demo123!");
        var responses = await RepeatAsync(shopper, "/");
        Assert.All(responses, r => Assert.Null(r.Headers.Age));
        Assert.Contains("Log out", await responses[^1].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_product_changed_through_the_api_replaces_its_cached_page_at_once()
    {
        var product = await NewProductAsync(app, stock: 5);
        var slug = await SlugAsync(product.ProductId);
        using var visitor = app.CreateClient();
        Assert.Contains(product.Name, await (await RepeatAsync(visitor, $"/p/{slug}"))[^1].Content.ReadAsStringAsync());

        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var renamed = product.Name + " Mark II";
        Assert.Equal(HttpStatusCode.OK, (await merchant.PatchAsJsonAsync($"/api/v1/products/{product.ProductId}", new { name = renamed })).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(4); // the invalidator looks every second; the copy's own lifetime is 30 s
        while (!(await visitor.GetStringAsync($"/p/{slug}")).Contains(renamed))
        {
            Assert.True(DateTime.UtcNow < deadline, "the cached page still shows the old name");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_view_beacon_remembers_the_product_as_recently_viewed()
    {
        var product = await NewProductAsync(app, stock: 5);
        using var visitor = app.CreateClient();
        var page = await (await visitor.GetAsync($"/p/{await SlugAsync(product.ProductId)}")).Content.ReadAsStringAsync();
        Assert.Contains($"/p/{product.ProductId}/seen.gif", page);

        var beacon = await visitor.GetAsync($"/p/{product.ProductId}/seen.gif");

        Assert.Equal("image/gif", beacon.Content.Headers.ContentType?.MediaType);
        Assert.Contains(beacon.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"recently_viewed={product.ProductId}"));
        Assert.Contains(product.Name, await visitor.GetStringAsync("/")); // the home page's "Recently viewed"
    }

    private static async Task<List<HttpResponseMessage>> RepeatAsync(HttpClient client, string path)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.LoadIntoBufferAsync();
            responses.Add(response);
        }
        return responses;
    }

    private static HttpRequestMessage FormPost(int variantId, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/add")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["variantId"] = variantId.ToString(), ["quantity"] = "1", ["returnUrl"] = "/cart" }),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    private async Task<string> SlugAsync(int productId)
    {
        await using var db = ProductApi.Db(app);
        return db.Products.Where(p => p.Id == productId).Select(p => p.Slug).Single();
    }
}
