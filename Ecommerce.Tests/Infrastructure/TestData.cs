using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Shops;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>Builds small, explicit catalogues for tests (the demo seeder is tested on its own).</summary>
public static class TestData
{
    public static async Task<(Shop Shop, Category Category)> ShopWithCategoryAsync(AppDbContext db, string slug = "test-shop")
    {
        var user = new AppUser { UserName = $"{slug}@test.local", Email = $"{slug}@test.local", NormalizedEmail = $"{slug}@TEST.LOCAL".ToUpperInvariant(), NormalizedUserName = $"{slug}@TEST.LOCAL".ToUpperInvariant() };
        db.Users.Add(user);
        var merchant = new Merchant { UserId = user.Id, BusinessName = $"{slug} Ltd", ContactEmail = user.Email, Country = "US", Status = MerchantStatus.Approved };
        var shop = new Shop { Name = $"Shop {slug}", Slug = slug, Merchant = merchant };
        var category = new Category
        {
            Name = $"Gadgets {slug}", Slug = $"gadgets-{slug}",
            AttributeTemplate = [new AttributeDefinition { Key = "ram", Label = "RAM", Type = AttributeType.Number, Unit = "GB", IsFacet = true }],
        };
        db.AddRange(shop, category);
        await db.SaveChangesAsync();
        return (shop, category);
    }

    public static Product Product(Shop shop, Category category, string name, decimal price, int stock, ProductStatus status = ProductStatus.Active)
    {
        var slug = Ecommerce.Core.Common.Slug.From(name) + "-" + Guid.NewGuid().ToString("N")[..6];
        return new Product
        {
            ShopId = shop.Id, CategoryId = category.Id, Name = name, Slug = slug, Status = status, MinPrice = price,
            Attributes = new() { ["ram"] = "16" },
            Variants = [new ProductVariant { Sku = slug.ToUpperInvariant(), Price = price, Stock = new StockItem { OnHand = stock } }],
        };
    }
}
