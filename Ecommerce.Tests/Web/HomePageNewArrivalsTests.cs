using System.Text.RegularExpressions;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Web;

/// <summary>
/// The home page's "New arrivals" are ordered by the search index (the database has no index for that order): the
/// anonymous page over real HTTP lists the same products in the same order as the database's own sort, and a product
/// registered now shows up first once the index has it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HomePageNewArrivalsTests(WebAppFixture app)
{
    [Fact]
    public async Task New_arrivals_come_in_the_database_order_and_a_new_product_leads_them()
    {
        int shopId;
        string category;
        Dictionary<string, string> attributes; // a demo product's, so the category's required attributes are there
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var product = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).FirstAsync(p => p.Status == ProductStatus.Active);
            (shopId, category, attributes) = (product.ShopId, product.Category!.Slug, new Dictionary<string, string>(product.Attributes));
        }
        var name = "Arrival " + Guid.NewGuid().ToString("N")[..8];
        var created = await app.Services.GetRequiredService<ProductCommands>().CreateAsync(shopId, new ProductInput
        {
            Name = name, Category = category, Attributes = attributes,
            Variants = [new VariantInput { Price = 12m, Stock = 4 }],
        });
        var index = app.Services.GetRequiredService<ProductSearchIndex>();
        await WaitForAsync(() => Task.FromResult(index.Search(new SearchQuery { Sort = SearchSort.Newest, PageSize = 1 }).Items.SingleOrDefault()?.ProductId == created.Id));

        using var client = app.CreateClient();
        List<string> shown = [];
        // The cached page is dropped within about a second of the product's outbox event.
        await WaitForAsync(async () => (shown = NewArrivalSlugs(await client.GetStringAsync("/"))).FirstOrDefault() == created.Slug);

        var expected = await app.Services.GetRequiredService<StorefrontCatalog>().TopProductsAsync(ProductSort.Newest, 8);
        Assert.Equal(expected.Select(p => p.Slug), shown);
    }

    private static List<string> NewArrivalSlugs(string page)
    {
        var start = page.IndexOf("id=\"new-heading\"", StringComparison.Ordinal);
        Assert.True(start > 0, "no New arrivals section");
        var section = page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
        return Regex.Matches(section, "href=\"/p/([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not seen within 20 s");
            await Task.Delay(100);
        }
    }
}
