using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ecommerce.Core.Data;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Availability;

/// <summary>
/// While the database is away the storefront answers from the node's search index and caches: home, search, category,
/// product and shop pages for an anonymous visitor and for a guest with a cart (whose count and hearts are then
/// unknown), suggestions, the API's search and product reads; and it says checkout is paused. When the database returns,
/// pages are whole again by themselves and nothing rendered meanwhile is served from the cache.
/// </summary>
[RequiresPostgres]
public sealed partial class StorefrontOutageTests(RelayedPostgresNode node) : IClassFixture<RelayedPostgresNode>
{
    private const string PausedBanner = "Checkout is paused for a moment";

    [DatabaseFact]
    public async Task Storefront_pages_suggestions_and_api_reads_answer_from_the_index_while_the_database_is_away()
    {
        var index = node.App.Services.GetRequiredService<ProductSearchIndex>();
        await Eventually(() => Task.FromResult(index.Checkpoint() is not null));
        // A product in stock, its page, its shop's and its category's: pages none of these clients has opened yet.
        var hit = index.Search(new SearchQuery { InStockOnly = true, Sort = SearchSort.Bestselling, PageSize = 1, WithFacets = false }).Items[0];
        var document = index.Document(hit.Slug)!;
        Assert.NotNull(document.Variants);
        var everyName = NamesOf(index, new SearchQuery { PageSize = 100, WithFacets = false, Sort = SearchSort.Bestselling });
        var categoryNames = NamesOf(index, new SearchQuery { Category = document.CategorySlug, PageSize = 100, WithFacets = false });
        var shopNames = NamesOf(index, new SearchQuery { Shop = document.ShopSlug, PageSize = 100, WithFacets = false });

        using var anonymous = node.App.CreateClient();
        using var guest = node.App.CreateClient();
        var token = TokenPattern().Match(await guest.GetStringAsync("/Identity/Account/Login")).Groups[1].Value;
        var added = await guest.PostAsync("/cart/add", Form(("__RequestVerificationToken", token), ("variantId", $"{document.Variants![0].Id}"), ("quantity", "1")));
        Assert.True(added.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"add to cart answered {added.StatusCode}");
        var before = await ApiProductAsync(anonymous, hit.Slug); // read from the database

        var pages = new (string Path, IReadOnlyCollection<string> Names)[]
        {
            ("/", everyName),
            ($"/search?q={Uri.EscapeDataString(hit.Name)}", [hit.Name]),
            ($"/c/{document.CategorySlug}", categoryNames),
            ($"/p/{hit.Slug}", [hit.Name]),
            ($"/s/{document.ShopSlug}", shopNames),
        };
        node.Relay.Cut();
        try
        {
            var started = DateTime.UtcNow;
            foreach (var (client, who) in new[] { (anonymous, "anonymous"), (guest, "guest with a cart") })
                foreach (var (path, names) in pages)
                {
                    var response = await client.GetAsync(path);
                    var html = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} for a {who} answered {(int)response.StatusCode} while the database was away");
                    Assert.True(names.Any(name => html.Contains(HtmlEncoder.Default.Encode(name))), $"{path} for a {who} shows none of its products");
                    if (client == guest)
                    {
                        Assert.Contains(PausedBanner, html);
                        Assert.Contains("class=\"cart-link\">Cart</a>", html); // the count is unknown, not an error
                    }
                }

            // The product page shows the stock as last known: the same as the database said before the cut.
            var during = await ApiProductAsync(anonymous, hit.Slug);
            Assert.Equal(Availability(before), Availability(during));

            var suggestions = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/search/suggest?q={Uri.EscapeDataString(hit.Name[..Math.Min(4, hit.Name.Length)])}");
            Assert.True(suggestions.GetArrayLength() > 0, "no suggestions while the database was away");
            var search = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(hit.Name)}");
            Assert.Contains(search.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == hit.Slug);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "pages must answer at once while the database is away, not after timeouts");
        }
        finally
        {
            node.Relay.Restore();
        }

        // Whole again by itself: the count is back, no banner, and no page rendered during the outage is served from the cache.
        var last = "";
        await Eventually(async () =>
        {
            var html = last = await guest.GetStringAsync($"/p/{hit.Slug}");
            return !html.Contains(PausedBanner) && html.Contains("aria-label=\"Cart, 1 item\"");
        }, onFailure: () => Regex.Match(last, "<header.*?</header>.{0,600}", RegexOptions.Singleline).Value);
        foreach (var (path, _) in pages)
            await Eventually(async () => !(await anonymous.GetStringAsync(path)).Contains(PausedBanner));
        Assert.Equal(Availability(before), Availability(await ApiProductAsync(anonymous, hit.Slug)));
    }

    [DatabaseFact]
    public async Task A_product_not_on_sale_is_not_found_through_the_api_during_an_outage_either()
    {
        using var client = node.App.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/catalog/products/no-such-product")).StatusCode);
        node.Relay.Cut();
        try
        {
            var response = await client.GetAsync("/api/v1/catalog/products/no-such-product");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            node.Relay.Restore();
        }
    }

    private static List<string> NamesOf(ProductSearchIndex index, SearchQuery query) => index.Search(query).Items.Select(i => i.Name).ToList();

    private static async Task<JsonElement> ApiProductAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/api/v1/catalog/products/{slug}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"product read answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Availability(JsonElement product) => string.Join(", ", product.GetProperty("variants").EnumerateArray()
        .Select(v => $"{v.GetProperty("id").GetInt32()}={v.GetProperty("available").GetInt32()}"));

    internal static async Task Eventually(Func<Task<bool>> condition, int seconds = 20, Func<string>? onFailure = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {seconds} seconds {onFailure?.Invoke()}");
            await Task.Delay(250);
        }
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")] private static partial Regex TokenPattern();
}
