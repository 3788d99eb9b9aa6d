using Ecommerce.Core.Carts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Inventory;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Cart;

/// <summary>A guest's cart and wishlist joining the user's at login, and what product cards offer; on each provider.</summary>
public abstract class CartMergeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private CartService Carts => database.Services.GetRequiredService<CartService>();
    private WishlistService Wishlists => database.Services.GetRequiredService<WishlistService>();
    private CardShortcuts Shortcuts => database.Services.GetRequiredService<CardShortcuts>();

    private async Task<Product[]> ProductsAsync(params int[] stocks)
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "merge-" + Guid.NewGuid().ToString("N")[..6]);
        var products = stocks.Select((stock, i) => TestData.Product(shop, category, $"Merge item {i}", 10m + i, stock)).ToArray();
        db.Products.AddRange(products);
        await db.SaveChangesAsync();
        return products;
    }

    private static ShopperKey NewGuest() => ShopperKey.ForGuest(Guid.NewGuid());
    private static ShopperKey NewUser() => ShopperKey.ForUser(Guid.NewGuid().ToString());

    [Fact]
    public async Task Logging_in_merges_the_guests_cart_into_the_users_with_quantities_added_and_capped()
    {
        var products = await ProductsAsync(500, 500, 500);
        int a = products[0].Variants[0].Id, b = products[1].Variants[0].Id, c = products[2].Variants[0].Id;
        var guest = NewGuest();
        var user = NewUser();
        await Carts.AddAsync(guest, a, 2);
        await Carts.AddAsync(guest, b, 1);
        await Carts.AddAsync(user, a, 98);
        await Carts.AddAsync(user, c, 3);

        await Carts.MergeAsync(guest, user);

        var lines = (await Carts.LinesAsync(user)).ToDictionary(l => l.VariantId, l => l.Quantity);
        Assert.Equal(new Dictionary<int, int> { [a] = Pricer.MaxQuantityPerLine, [b] = 1, [c] = 3 }, lines);
        Assert.Empty(await Carts.LinesAsync(guest));
        Assert.Equal(Pricer.MaxQuantityPerLine + 4, await Carts.CountAsync(user));

        // Merging again (a second sign-in with the same stale token) changes nothing.
        await Carts.MergeAsync(guest, user);
        Assert.Equal(lines, (await Carts.LinesAsync(user)).ToDictionary(l => l.VariantId, l => l.Quantity));
    }

    [Fact]
    public async Task Logging_in_merges_the_guests_wishlist_without_duplicates()
    {
        var products = await ProductsAsync(5, 5, 5);
        var guest = NewGuest();
        var user = NewUser();
        await Wishlists.AddAsync(guest, products[0].Id);
        await Wishlists.AddAsync(guest, products[1].Id, products[1].Variants[0].Id);
        await Wishlists.AddAsync(user, products[1].Id);
        await Wishlists.AddAsync(user, products[2].Id);

        await Carts.MergeAsync(guest, user);

        var saved = await Wishlists.ListAsync(user);
        Assert.Equal(3, saved.Total);
        Assert.Equal(products.Select(p => p.Id).Order(), saved.Items.Select(i => i.Product.Id).Order());
        Assert.Equal(0, await Wishlists.CountAsync(guest));
    }

    [Fact]
    public async Task A_guest_cart_becomes_the_users_when_the_user_had_none()
    {
        var products = await ProductsAsync(5);
        var guest = NewGuest();
        var user = NewUser();
        await Carts.AddAsync(guest, products[0].Variants[0].Id, 2);
        await Carts.MergeAsync(guest, user);
        Assert.Equal([new LineRequest(products[0].Variants[0].Id, 2)], await Carts.LinesAsync(user));
    }

    [Fact]
    public async Task Cards_offer_one_click_add_only_for_a_single_variant_in_stock_and_show_what_is_saved()
    {
        var products = await ProductsAsync(4, 0);
        await using (var db = database.NewContext())
        {
            // A third product with two variants: it needs the product page to choose.
            var two = TestData.Product(await db.Shops.FirstAsync(s => s.Id == products[0].ShopId), await db.Categories.FirstAsync(c => c.Id == products[0].CategoryId), "Two sizes", 20m, 3);
            two.Variants.Add(new ProductVariant { Sku = two.Slug.ToUpperInvariant() + "-L", Price = 22m, Stock = new StockItem { OnHand = 3 } });
            db.Products.Add(two);
            await db.SaveChangesAsync();
            products = [.. products, two];
        }
        var shopper = NewGuest();
        await Wishlists.AddAsync(shopper, products[1].Id);

        var marks = await Shortcuts.ForAsync(shopper, products.Select(p => p.Id));
        Assert.Equal(products[0].Variants[0].Id, marks.QuickAddVariant(products[0].Id));
        Assert.Null(marks.QuickAddVariant(products[1].Id)); // sold out
        Assert.Null(marks.QuickAddVariant(products[2].Id)); // two variants
        Assert.Equal([products[1].Id], marks.Saved);

        var anonymous = await Shortcuts.ForAsync(null, products.Select(p => p.Id));
        Assert.Empty(anonymous.Saved);
        Assert.Equal(products[0].Variants[0].Id, anonymous.QuickAddVariant(products[0].Id));
    }
}

public sealed class SqliteCartMergeTests(SqliteTestDatabase database) : CartMergeTests<SqliteTestDatabase>(database);

public sealed class PostgresCartMergeTests(PostgresTestDatabase database) : CartMergeTests<PostgresTestDatabase>(database);
