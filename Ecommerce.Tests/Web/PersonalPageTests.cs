using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Web;

/// <summary>
/// Pages of a guest with a cart (and recently viewed products) over real HTTP: after the page's first render on the node, each of their requests
/// costs at most two SQL statements (the cart count and the saved ones among the page's products), whatever the page
/// and however many products the catalogue holds; their own cart count, hearts and token are on it; and a product's
/// change shows on their page as on the shared copy.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class PersonalPageTests(WebAppFixture app)
{
    /// <summary>The cart count and the saved products among the page's: both by key.</summary>
    private const int StatementBudget = 2;

    [Fact]
    public async Task A_guest_with_a_cart_gets_their_product_and_category_pages_for_two_statements_each()
    {
        using var statements = SqlCommandCounter.PerRequest(app.Services.GetRequiredService<IHttpContextAccessor>());
        var product = await NewProductAsync(app, stock: 5);
        var slug = await SlugAsync(product.ProductId);
        using var guest = app.CreateClient();
        await PostAsync(guest, "/cart/add", ("variantId", $"{product.VariantId}"), ("quantity", "1"));
        await PostAsync(guest, "/wishlist/add", ("productId", $"{product.ProductId}"));
        var onCategoryPage = int.Parse(HeartPattern().Match(await guest.GetStringAsync("/c/fashion")).Groups[1].Value);
        await PostAsync(guest, "/wishlist/add", ("productId", $"{onCategoryPage}"));
        await guest.GetStringAsync("/cart"); // shows (and drops) the last notice
        await guest.GetAsync($"/p/{product.ProductId}/seen.gif"); // as the product page's beacon: now recently viewed
        await Task.Delay(SqlCommandCounter.Settle);

        var (productStatements, productPage) = await CheapestOfAsync(statements, guest, $"/p/{slug}");
        var (categoryStatements, categoryPage) = await CheapestOfAsync(statements, guest, "/c/fashion");

        Assert.InRange(productStatements, 1, StatementBudget);
        Assert.InRange(categoryStatements, 1, StatementBudget);
        foreach (var page in new[] { productPage, categoryPage })
        {
            Assert.Matches(CartCountPattern(), page);
            Assert.Contains("name=\"__RequestVerificationToken\"", page);
            Assert.DoesNotContain('\u0001', page); // every slot filled
        }
        Assert.Matches("id=\"wishlist-toggle\" class=\"heart-button saved\" aria-pressed=\"true\"", productPage);
        Assert.Single(Regex.Matches(productPage, "id=\"wishlist-toggle\""));
        Assert.Matches($"formaction=\"/wishlist/remove\" name=\"productId\" value=\"{onCategoryPage}\"[^>]*class=\"heart saved\" aria-pressed=\"true\"", categoryPage);
        // The home page shows the guest's recently viewed products: it is rendered for them.
        Assert.Contains(product.Name, await guest.GetStringAsync("/"));
        Assert.Single(Regex.Matches(categoryPage, $"formaction=\"/wishlist/(add|remove)\" name=\"productId\" value=\"{onCategoryPage}\"")); // one heart of two
    }

    [Fact]
    public async Task A_product_changed_through_the_api_shows_on_a_guests_page_at_once()
    {
        var product = await NewProductAsync(app, stock: 5);
        var slug = await SlugAsync(product.ProductId);
        using var guest = app.CreateClient();
        await PostAsync(guest, "/cart/add", ("variantId", $"{product.VariantId}"), ("quantity", "1"));
        await guest.GetStringAsync("/cart");
        Assert.Contains(product.Name, await guest.GetStringAsync($"/p/{slug}"));
        Assert.Contains(product.Name, await guest.GetStringAsync($"/p/{slug}")); // from the page's template

        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var renamed = product.Name + " Mark II";
        Assert.Equal(HttpStatusCode.OK, (await merchant.PatchAsJsonAsync($"/api/v1/products/{product.ProductId}", new { name = renamed })).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(4); // the invalidator looks every second; a template's own lifetime is 30 s
        while (!(await guest.GetStringAsync($"/p/{slug}")).Contains(renamed))
        {
            Assert.True(DateTime.UtcNow < deadline, "the guest's page still shows the old name");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The fewest SQL statements of five requests for the page after a first one (another test's catalogue change
    /// may evict the page between two of them), with that request's page.
    /// </summary>
    private static async Task<(int Statements, string Page)> CheapestOfAsync(SqlCommandCounter statements, HttpClient guest, string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(path)).StatusCode);
        (int, string)? cheapest = null;
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(SqlCommandCounter.RequestHeader, id);
            using var response = await guest.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age); // never the shared copy
            var page = await response.Content.ReadAsStringAsync();
            var count = statements.Of(id);
            if (cheapest is not { } c || count < c.Item1) cheapest = (count, page);
        }
        return cheapest!.Value;
    }

    private async Task PostAsync(HttpClient guest, string path, params (string Key, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) };
        request.Headers.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority)); // as a browser posting a page of this site
        Assert.Equal(HttpStatusCode.Redirect, (await guest.SendAsync(request)).StatusCode);
    }

    private async Task<string> SlugAsync(int productId)
    {
        await using var db = ProductApi.Db(app);
        return db.Products.Where(p => p.Id == productId).Select(p => p.Slug).Single();
    }

    [GeneratedRegex("formaction=\"/wishlist/add\" name=\"productId\" value=\"(\\d+)\"")]
    private static partial Regex HeartPattern();

    [GeneratedRegex("class=\"cart-count\"[^>]*>1<")]
    private static partial Regex CartCountPattern();
}
