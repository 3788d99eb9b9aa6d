using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Catalog;

/// <summary>
/// Category listings on each provider: a parent category lists its own and its subcategories' products that are sold
/// (published, not unlisted, in an active shop), newest first, paged, with their cards; on SQLite the listing reads
/// along the category index it names, so these also check that the name still exists.
/// </summary>
public abstract class StorefrontCatalogTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private StorefrontCatalog Catalog => database.Services.GetRequiredService<StorefrontCatalog>();

    [Fact]
    public async Task A_parent_category_lists_the_sold_products_of_its_tree_newest_first_in_pages()
    {
        await using var db = database.NewContext();
        var key = Guid.NewGuid().ToString("N")[..6];
        var (shop, parent) = await TestData.ShopWithCategoryAsync(db, "sc-" + key);
        var (suspended, elsewhere) = await TestData.ShopWithCategoryAsync(db, "scs-" + key);
        suspended.Status = ShopStatus.Suspended;
        var shirts = new Category { Name = "Shirts " + key, Slug = "shirts-" + key, ParentId = parent.Id };
        var coats = new Category { Name = "Coats " + key, Slug = "coats-" + key, ParentId = parent.Id };
        db.AddRange(shirts, coats);
        await db.SaveChangesAsync();

        var created = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        Product Add(Shop owner, Category category, string name, decimal price, ProductStatus status = ProductStatus.Active, bool unlisted = false)
        {
            var product = TestData.Product(owner, category, name, price, stock: price > 30 ? 0 : 5, status);
            product.CreatedAt = created = created.AddMinutes(1);
            if (unlisted) product.UnlistedAt = created;
            product.Images = [new ProductImage { Url = $"/img/{name}-2.png", AltText = name + " back", Position = 2 }, new ProductImage { Url = $"/img/{name}-1.png", AltText = name, Position = 1 }];
            db.Products.Add(product);
            return product;
        }
        var sold = new[]
        {
            Add(shop, shirts, "Linen shirt", 20m), Add(shop, parent, "Gift card", 25m), Add(shop, coats, "Wool coat", 90m),
            Add(shop, shirts, "Oxford shirt", 30m), Add(shop, coats, "Rain coat", 60m),
        };
        Add(shop, shirts, "Draft shirt", 10m, ProductStatus.Draft);
        Add(shop, coats, "Unlisted coat", 10m, unlisted: true);
        Add(suspended, shirts, "Suspended shop's shirt", 10m);
        Add(shop, elsewhere, "Another category's gadget", 10m);
        await db.SaveChangesAsync();
        var newestFirst = sold.Reverse().Select(p => p.Name).ToList();

        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await Catalog.ProductsAsync(PageRequest.Of(page, 2), categoryId: parent.Id);
            Assert.Equal(5, result.Total);
            pages.AddRange(result.Items.Select(i => i.Name));
        }
        Assert.Equal(newestFirst, pages);

        var cheapest = (await Catalog.ProductsAsync(PageRequest.Of(1, 10), categoryId: parent.Id, sort: ProductSort.PriceLow)).Items;
        Assert.Equal(["Linen shirt", "Gift card", "Oxford shirt", "Rain coat", "Wool coat"], cheapest.Select(c => c.Name));
        var coat = cheapest.Single(c => c.Name == "Wool coat");
        Assert.Equal((shop.Name, "/img/Wool coat-1.png", "Wool coat", false, 90m), (coat.ShopName, coat.ImageUrl, coat.ImageAlt, coat.InStock, coat.Price));
        Assert.True(cheapest.Single(c => c.Name == "Linen shirt").InStock);

        // A subcategory alone, and the shop's page filtered to the parent category (the listing without the named index).
        Assert.Equal(["Oxford shirt", "Linen shirt"], (await Catalog.ProductsAsync(PageRequest.Of(1, 10), categoryId: shirts.Id)).Items.Select(c => c.Name));
        var shopPage = await Catalog.ProductsAsync(PageRequest.Of(1, 10), categoryId: parent.Id, shopId: shop.Id);
        Assert.Equal(5, shopPage.Total);
        Assert.Equal(newestFirst, shopPage.Items.Select(c => c.Name));
    }
}

public sealed class SqliteStorefrontCatalogTests(SqliteTestDatabase database) : StorefrontCatalogTests<SqliteTestDatabase>(database);

public sealed class PostgresStorefrontCatalogTests(PostgresTestDatabase database) : StorefrontCatalogTests<PostgresTestDatabase>(database);
