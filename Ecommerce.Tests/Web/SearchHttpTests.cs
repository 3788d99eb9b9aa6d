using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Web;

/// <summary>Search over real HTTP against the demo catalogue, indexed by the app's own background indexer.</summary>
[Collection(WebCollection.Name)]
public sealed class SearchHttpTests(WebAppFixture app)
{
    private async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        // The indexer builds the index in the background after start; wait for it rather than for a fixed time.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?" + query);
            if (json.GetProperty("total").GetInt32() > 0 || DateTime.UtcNow > deadline) return json;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_search_api_returns_items_facets_and_total()
    {
        using var client = app.CreateClient();
        var json = await SearchAsync(client, "q=headphones");
        Assert.True(json.GetProperty("total").GetInt32() > 0);
        var first = json.GetProperty("items")[0];
        Assert.Contains("headphone", first.GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase);
        var facetKeys = json.GetProperty("facets").EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToList();
        Assert.Contains("brand", facetKeys);
        Assert.Contains("price", facetKeys);
    }

    [Fact]
    public async Task The_search_page_offers_a_correction_for_a_typo()
    {
        using var client = app.CreateClient();
        await SearchAsync(client, "q=headphones");
        var html = await client.GetStringAsync("/search?q=hedphones");
        Assert.Contains("Did you mean", html);
        Assert.Contains("headphones", html);
    }

    [Theory]
    [InlineData("q=%22%28%2A-NEAR")]
    [InlineData("q=name%3A%20x%20AND%20description%3Ay")]
    [InlineData("min=abc&max=-5&page=-1&sort=evil")]
    [InlineData("attr.colour=Navy&attr.colour=&category=%27%3B%20DROP%20TABLE%20docs")]
    public async Task Hostile_search_parameters_never_cause_an_error(string query)
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?" + query)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?" + query)).StatusCode);
    }

    [Fact]
    public async Task Suggestions_complete_what_was_typed()
    {
        using var client = app.CreateClient();
        await SearchAsync(client, "q=headphones");
        var suggestions = await client.GetFromJsonAsync<JsonElement>("/api/v1/search/suggest?q=headph");
        Assert.Contains(suggestions.EnumerateArray(), s => s.GetProperty("text").GetString()!.Contains("Headphones", StringComparison.OrdinalIgnoreCase));
    }
}
