using Ecommerce.Core.Catalog;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Web;

/// <summary>The recommendation sections as a visitor gets them over real HTTP, on the demo catalogue.</summary>
[Collection(WebCollection.Name)]
public sealed class RecommendationPagesTests(WebAppFixture app)
{
    [Fact]
    public async Task A_product_page_recommends_others_and_the_home_page_recommends_from_what_the_guest_viewed()
    {
        using var client = app.CreateClient();
        Assert.DoesNotContain("Recommended for you", await client.GetStringAsync("/"));

        var product = (await app.Services.GetRequiredService<StorefrontCatalog>().TopProductsAsync(ProductSort.Bestselling, 1)).Single();
        var page = await client.GetStringAsync($"/p/{product.Slug}");
        var start = page.IndexOf("id=\"also-bought-heading\"", StringComparison.Ordinal);
        Assert.True(start > 0, "no recommendations section");
        var section = page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("href=\"/p/", section);
        Assert.DoesNotContain($"href=\"/p/{product.Slug}\"", section); // never the product itself

        // The page's view beacon (an image the browser loads) sets the recently-viewed cookie; the home page now has
        // something to go on.
        (await client.GetAsync($"/p/{product.Id}/seen.gif")).EnsureSuccessStatusCode();
        Assert.Contains("Recommended for you", await client.GetStringAsync("/"));
    }
}
