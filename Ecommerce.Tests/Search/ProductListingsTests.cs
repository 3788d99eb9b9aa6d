using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Pricing;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Search;

/// <summary>
/// The storefront's lists read from the index: a category's and a shop's products with exact totals and pages in
/// the database's order, cards by id, and every card at its live price while a flash sale runs.
/// </summary>
public abstract class ProductListingsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ProductCommands Commands => database.Services.GetRequiredService<ProductCommands>();
    private SearchIndexer Indexer => database.Services.GetRequiredService<SearchIndexer>();
    private ProductListings Listings => database.Services.GetRequiredService<ProductListings>();
    private StorefrontCatalog Catalog => database.Services.GetRequiredService<StorefrontCatalog>();

    private async Task<(int ShopId, CategoryLink Category, List<ProductRef> Products)> ShopWithProductsAsync(int count)
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "lst-" + Guid.NewGuid().ToString("N")[..6]);
        var products = new List<ProductRef>();
        for (var i = 0; i < count; i++)
            products.Add(await Commands.CreateAsync(shop.Id, new ProductInput
            {
                Name = $"Listed lamp {i}", Category = category.Slug, Attributes = new Dictionary<string, string> { ["ram"] = "8" },
                Variants = [new VariantInput { Price = 10m + 7 * i % 5, Stock = i == 2 ? 0 : 3 }],
            }));
        await Indexer.CatchUpAsync();
        return (shop.Id, new CategoryLink(category.Id, category.Name, category.Slug, category.Description), products);
    }

    [Theory]
    [InlineData(ProductSort.Newest)]
    [InlineData(ProductSort.PriceLow)]
    [InlineData(ProductSort.PriceHigh)]
    public async Task A_category_and_a_shop_list_the_same_pages_as_the_database(ProductSort sort)
    {
        var (shopId, category, products) = await ShopWithProductsAsync(7);
        for (var page = 1; page <= 4; page++)
        {
            var request = PageRequest.Of(page, 2);
            var fromIndex = await Listings.CategoryAsync(category, request, sort);
            var fromDatabase = await Catalog.ProductsAsync(request, categoryId: category.Id, sort: sort);
            Assert.Equal(7, fromIndex.Total);
            Assert.Equal(fromDatabase.Items.Select(c => c.Id), fromIndex.Items.Select(c => c.Id));
            Assert.Equal(fromDatabase.Items, fromIndex.Items); // the same cards: names, prices, images, stock
            var shopPage = await Listings.ShopAsync(shopId, request, sort);
            Assert.Equal(7, shopPage.Total);
            Assert.Equal(fromIndex.Items.Select(c => c.Id), shopPage.Items.Select(c => c.Id));
        }
        Assert.Empty((await Listings.CategoryAsync(category, PageRequest.Of(int.MaxValue, 24), sort)).Items);
        Assert.Equal(products.Select(p => p.Id).Reverse().Take(3), (await Listings.CardsAsync(products.Select(p => p.Id).Reverse().Take(3).ToList())).Select(c => c.Id));
    }

    [Fact]
    public async Task A_product_the_index_has_not_read_yet_still_has_its_card()
    {
        // Recently viewed: a product registered a moment ago is viewed before this node's index has read its event.
        var (shopId, category, products) = await ShopWithProductsAsync(1);
        var fresh = await Commands.CreateAsync(shopId, new ProductInput
        {
            Name = "Just registered lamp", Category = category.Slug, Attributes = new Dictionary<string, string> { ["ram"] = "8" },
            Variants = [new VariantInput { Price = 12m, Stock = 1 }],
        });
        var cards = await Listings.CardsAsync([fresh.Id, products[0].Id]);
        Assert.Equal([fresh.Id, products[0].Id], cards.Select(c => c.Id));
        Assert.Equal("Just registered lamp", cards[0].Name);
    }

    [Fact]
    public async Task During_a_flash_sale_every_list_shows_the_sale_price_against_the_regular_one()
    {
        var (shopId, category, products) = await ShopWithProductsAsync(3);
        var onSale = products[0].Id;
        await using (var db = database.NewContext())
        {
            db.FlashSales.Add(new FlashSale { ProductId = onSale, SalePrice = 4.5m, StartsAt = DateTime.UtcNow.AddMinutes(-1), EndsAt = DateTime.UtcNow.AddHours(1) });
            await db.SaveChangesAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the live sales are read at most once a second

        var card = (await Listings.CategoryAsync(category, PageRequest.Of(1, 24), ProductSort.Newest)).Items.Single(c => c.Id == onSale);
        Assert.Equal((4.5m, 10m), (card.Price, card.CompareAtPrice));
        Assert.Equal((4.5m, 10m), (await Listings.ShopAsync(shopId, PageRequest.Of(1, 24), ProductSort.Bestselling)).Items.Where(c => c.Id == onSale).Select(c => (c.Price, c.CompareAtPrice!.Value)).Single());
        Assert.Equal((4.5m, 10m), (await Listings.CardsAsync([onSale])).Select(c => (c.Price, c.CompareAtPrice!.Value)).Single());
        var hit = (await Listings.SearchAsync(new SearchQuery { Text = "listed lamp", Shop = (await Listings.CardsAsync([onSale]))[0].ShopSlug })).Items.Single(h => h.ProductId == onSale);
        Assert.Equal((4.5m, 10m), (hit.Price, hit.CompareAtPrice!.Value));
        // The others keep their regular price.
        Assert.All((await Listings.CardsAsync(products.Skip(1).Select(p => p.Id).ToList())), c => Assert.Null(c.CompareAtPrice));
    }
}

public sealed class SqliteProductListingsTests(SqliteTestDatabase database) : ProductListingsTests<SqliteTestDatabase>(database);

public sealed class PostgresProductListingsTests(PostgresTestDatabase database) : ProductListingsTests<PostgresTestDatabase>(database);
