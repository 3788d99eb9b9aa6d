using System.Net;
using AngleSharp.Html.Parser;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Admin;

/// <summary>Every link of the consoles' navigation leads to a page, over real HTTP as the signed-in user.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleNavigationTests(WebAppFixture app)
{
    [Theory]
    [InlineData(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword, "/admin", "nav.admin-nav a[href]", 12)]
    [InlineData(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword, "/merchant", "main a[href^='/merchant']", 3)]
    public async Task Every_navigation_link_of_a_console_opens_a_page(string email, string password, string home, string links, int atLeast)
    {
        using var client = await app.SignedInClientAsync(email, password);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(home));
        var targets = page.QuerySelectorAll(links).Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith('/')).Distinct().ToList();
        Assert.True(targets.Count >= atLeast, $"{home} links to {targets.Count} console pages: {string.Join(", ", targets)}");

        foreach (var target in targets)
        {
            var response = await client.GetAsync(target);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{home} links to {target}, which answers {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_console_page_loads_its_component_library_from_the_site_itself()
    {
        using var client = await app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/admin"));
        var assets = page.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains("_content/MudBlazor/MudBlazor.min.css", assets);
        Assert.Contains("_content/MudBlazor/MudBlazor.min.js", assets);
        foreach (var asset in assets)
        {
            // script-src 'self': no other host (on Unix a path from the root also parses as an absolute file: URI).
            var otherHost = asset.StartsWith("//", StringComparison.Ordinal) || (Uri.TryCreate(asset, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeFile);
            Assert.False(otherHost, $"{asset} is not served by the site");
            var response = await client.GetAsync("/" + asset.TrimStart('/'));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answers {(int)response.StatusCode}");
        }
    }
}
