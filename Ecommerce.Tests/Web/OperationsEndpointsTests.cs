using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Web;

/// <summary>
/// The operations endpoints over real HTTP: /metrics (Prometheus) after checkouts, and who may read it; the API reference
/// at /api/docs over /openapi/v1.json, served from the package.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OperationsEndpointsTests(WebAppFixture app)
{
    [Fact]
    public async Task Metrics_count_checkouts_orders_and_sold_out_answers_and_show_the_outbox_and_search_lag()
    {
        using var scraper = app.CreateClient();
        var before = Parse(await scraper.GetStringAsync("/metrics"));

        var product = await NewProductAsync(app, stock: 1);
        var lines = new[] { new { variantId = product.VariantId, quantity = 1 } };
        var (first, _) = await NewBearerShopperAsync(app);
        var (second, _) = await NewBearerShopperAsync(app);
        await JsonAsync(await CheckoutAsync(first, new { lines, shipTo = UsAddress, payment = Card() }), HttpStatusCode.Created);
        await JsonAsync(await CheckoutAsync(second, new { lines, shipTo = UsAddress, payment = Card() }), HttpStatusCode.Conflict);

        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var after = Parse(await response.Content.ReadAsStringAsync());

        // Counters went up by at least this test's own (other tests of the collection may check out meanwhile).
        Assert.True(Delta("ecommerce_checkouts_total", "outcome=\"placed\"") >= 1);
        Assert.True(Delta("ecommerce_checkouts_total", "outcome=\"refused\"") >= 1);
        Assert.True(Delta("ecommerce_orders_placed_total", "") >= 1);
        Assert.True(Delta("ecommerce_sold_out_answers_total", "reason=\"out_of_stock\"") >= 1);
        // Gauges are there, with figures that make sense.
        foreach (var status in new[] { "pending", "processing", "failed" })
            Assert.True(Value(after, "ecommerce_outbox_events", $"status=\"{status}\"") >= 0);
        Assert.True(Value(after, "ecommerce_outbox_oldest_pending_age_seconds", "") >= 0);
        Assert.True(Value(after, "ecommerce_search_index_lag", "") >= 0);
        // ASP.NET Core's own HTTP series are exported too, but not asserted here: its meter is one per host, and in a test
        // process where other hosts shut down, OpenTelemetry stops every meter of that name (opentelemetry-dotnet#6412).

        double Delta(string name, string label) => Value(after, name, label) - (Has(before, name, label) ? Value(before, name, label) : 0);
    }

    [Fact]
    public async Task Metrics_are_not_served_to_a_request_a_proxy_relayed()
    {
        using var client = app.CreateClient();
        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        relayed.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.SendAsync(relayed);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("ecommerce_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_reference_is_served_from_the_package_over_the_openapi_document()
    {
        using var client = app.CreateClient(allowRedirects: true);
        var page = await client.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("\"openapi/v1.json\"", html); // resolved against the site's root by the page's script
        // Every script it loads comes from this site, and answers.
        var scripts = Regex.Matches(html, "<script[^>]*\\ssrc=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.DoesNotContain("//", src);
            var script = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await script.Content.ReadAsByteArrayAsync());
        }

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/products", out var products), "no /api/v1/products");
        Assert.True(products.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/products/{id}", out _), "no /api/v1/products/{id}");
    }

    /// <summary>Prometheus text: each series (name and labels, whose values may hold spaces) with its value, the line's last word.</summary>
    private static Dictionary<string, double> Parse(string text) => text.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .GroupBy(line => line[..line.LastIndexOf(' ')])
        .ToDictionary(g => g.Key, g => double.TryParse(g.First()[(g.First().LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture, out var value) ? value : double.NaN); // +Inf

    private static bool Has(Dictionary<string, double> series, string name, string label) =>
        series.Keys.Any(k => Matches(k, name, label));

    /// <summary>The sum of the series of this name that carry this label (this host's, and any other test host's).</summary>
    private static double Value(Dictionary<string, double> series, string name, string label)
    {
        var matching = series.Where(s => Matches(s.Key, name, label)).ToList();
        Assert.True(matching.Count > 0, $"no {name}{{{label}}} in /metrics");
        return matching.Sum(s => s.Value);
    }

    private static bool Matches(string series, string name, string label) =>
        (series == name || series.StartsWith(name + "{")) && series.Contains(label);
}
