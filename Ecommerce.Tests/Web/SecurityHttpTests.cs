using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Web;

/// <summary>
/// Merchant text reaches shoppers without script, requests for foreign hosts are refused, and every response
/// carries the headers that keep script, framing and sniffing out, over real HTTP.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SecurityHttpTests(WebAppFixture app)
{
    [Fact]
    public async Task A_product_registered_with_script_links_shows_their_text_without_any_script_address()
    {
        using var client = Client(app, WebAppFixture.DemoApiKey);
        var description = string.Join("\n\n",
            "[Open the sizing guide](javascript:alert(document.domain))",
            "[Upper](JaVaScRiPt:alert(1)) [Entity](javascript&#58;alert(1)) [Spaces](  javascript:alert(1) )",
            "<javascript:alert(1)> [Angle](<javascript:alert(1)>) [Ref][r1]",
            "[r1]: javascript:alert(1)",
            "[The care guide](https://example.com/care)");
        var created = await client.PostAsJsonAsync("/api/v1/products",
            new { name = "Guide Jacket " + Guid.NewGuid().ToString("N")[..6], description, price_usd = 50, remaining_supply = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = (await JsonOf(created)).GetProperty("url").GetString()!;

        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var text = document.QuerySelector(".markdown")!;
        Assert.Contains("Open the sizing guide", text.TextContent);
        Assert.Equal(["https://example.com/care"], text.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(document.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=jacket")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Manage")]
    [InlineData("/api/v1/search?q=jacket")]
    [InlineData("/css/site.css")]
    [InlineData("/no-such-page")]
    public async Task Every_response_limits_scripts_framing_and_sniffing_and_names_no_server(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.False(response.Headers.Contains("Server"), $"{path} names its server");
    }

    [Fact]
    public async Task A_request_naming_a_host_the_site_does_not_serve_is_refused()
    {
        using var client = app.CreateClient();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/ForgotPassword");
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/ForgotPassword")).StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri!.PathAndQuery} sends no {name}");
}
