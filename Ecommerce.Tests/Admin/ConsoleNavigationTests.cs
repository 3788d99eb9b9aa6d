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
}
