using AngleSharp.Html.Parser;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Web;

[Collection(WebCollection.Name)]
public sealed class SiteFooterHttpTests(WebAppFixture app)
{
    [Fact]
    public async Task The_footer_offers_an_account_only_to_visitors_without_one()
    {
        using var visitor = app.CreateClient();
        using var shopper = await app.SignedInClientAsync(DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);

        Assert.Contains("Create an account", await FooterAsync(visitor));
        Assert.DoesNotContain("Create an account", await FooterAsync(shopper));
    }

    private static async Task<string> FooterAsync(HttpClient client) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync("/")).QuerySelector("footer")!.TextContent;
}
