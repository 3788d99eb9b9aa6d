using Ecommerce.Core.Search;

namespace Ecommerce.Tests.Search;

/// <summary>
/// The sitemaps page through the index by product id: a page is "the next N products from this id on", so gaps in
/// the ids and removed products never leave a page short or name a product twice, and listings come from the index.
/// </summary>
public sealed class SitemapPagingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sitemap-index-").FullName;

    private static SearchDocument Doc(int id, string category, string? parent, string shop) => new(
        id, $"Product {id}", $"product-{id}", null, "A product.", id % 2, shop, shop, 1, category, category, parent,
        10m, null, "USD", true, 0, DateTime.UtcNow, id == 7 ? "/media/7.jpg" : null, "", [], "");

    [Fact]
    public async Task Pages_start_at_every_nth_product_in_id_order_and_follow_removals()
    {
        using var index = new ProductSearchIndex(_folder);
        await index.ApplyAsync(
            [Doc(3, "shirts", "fashion", "north"), Doc(7, "shirts", "fashion", "north"), Doc(8, "phones", null, "volt"),
             Doc(20, "phones", null, "volt"), Doc(21, "books", null, "north")], [], null);

        Assert.Equal([3, 8, 21], index.SitemapPageStarts(2));
        Assert.Equal([8, 20], index.SitemapProducts(8, 2).Select(p => p.ProductId));
        Assert.Equal("/media/7.jpg", index.SitemapProducts(7, 1).Single().ImageUrl);
        Assert.Equal("product-21", index.SitemapProducts(21, 2).Single().Slug);

        var listings = index.SitemapListingSlugs();
        Assert.Equal(["books", "fashion", "phones", "shirts"], listings.CategorySlugs);
        Assert.Equal(["north", "volt"], listings.ShopSlugs);

        await index.ApplyAsync([], [8, 21], null);
        Assert.Equal([3, 20], index.SitemapPageStarts(2));
        Assert.Equal([20], index.SitemapProducts(8, 2).Select(p => p.ProductId));
        Assert.Equal(["fashion", "phones", "shirts"], index.SitemapListingSlugs().CategorySlugs);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
