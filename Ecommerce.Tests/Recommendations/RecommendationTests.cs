using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Recommendations;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Recommendations;

/// <summary>
/// "Customers also bought" and "Recommended for you" on each provider, from orders placed and paid through the real
/// checkout: only paid orders count, each shared order counts once, in-stock products come first, hidden products never
/// appear, what a shopper bought is never recommended to them, and the fallbacks fill in when co-purchases run out.
/// </summary>
public abstract class RecommendationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private ProductRecommendations Recommendations => database.Services.GetRequiredService<ProductRecommendations>();

    /// <summary>Places one order for one unit of each product and waits until it is paid (or declined).</summary>
    private async Task OrderAsync(Buyer buyer, params TestVariant[] products) => await OrderAsync(buyer, CheckoutWorld.GoodCard, products);

    private async Task OrderAsync(Buyer buyer, string card, params TestVariant[] products)
    {
        var result = await _world.Checkout.PlaceOrderAsync(buyer, CheckoutWorld.Request(CheckoutWorld.Lines(products.Select(p => (p, 1)).ToArray()), card));
        if (card == CheckoutWorld.GoodCard)
        {
            Assert.True(result.Accepted, result.PaymentProblem);
            await _world.SettlePaidAsync(result.OrderId);
        }
        else Assert.False(result.Accepted);
    }

    private async Task SetAsync(TestVariant product, ProductStatus? status = null, int? onHand = null, int? sales = null)
    {
        await using var db = _world.Db();
        if (status is { } s) await db.Products.Where(p => p.Id == product.ProductId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, s));
        if (sales is { } n) await db.Products.Where(p => p.Id == product.ProductId).ExecuteUpdateAsync(u => u.SetProperty(p => p.SalesCount, n));
        if (onHand is { } h) await db.StockItems.Where(i => i.VariantId == product.VariantId).ExecuteUpdateAsync(u => u.SetProperty(i => i.OnHand, h));
    }

    private static Buyer Guest() => new(null, $"guest-{Guid.NewGuid():N}@buyers.test", Ecommerce.Core.Carts.ShopperKey.ForGuest(Guid.NewGuid()));

    [Fact]
    public async Task Customers_also_bought_ranks_by_shared_paid_orders_in_stock_first_then_fills_from_the_category()
    {
        var shop = await _world.ShopAsync("also");
        var other = await _world.ShopAsync("other");
        var a = await _world.ProductAsync(shop, 20m, 50, "Anchor");
        var b = await _world.ProductAsync(shop, 10m, 50, "Bolt");
        var c = await _world.ProductAsync(shop, 10m, 50, "Cable");
        var d = await _world.ProductAsync(shop, 10m, 50, "Drill");
        var e = await _world.ProductAsync(shop, 10m, 50, "Epoxy");
        var g = await _world.ProductAsync(shop, 10m, 50, "Glue");
        var x = await _world.ProductAsync(other, 10m, 50, "Xylophone");

        await OrderAsync(Guest(), a, b, c);
        await OrderAsync(Guest(), a, b);
        await OrderAsync(Guest(), a, x);            // another shop's product, same order
        await OrderAsync(Guest(), a, g);
        await OrderAsync(Guest(), c, e);            // without the anchor: counts for sales only
        await OrderAsync(Guest(), CheckoutWorld.DeclinedCard, a, d); // never paid: not a co-purchase
        await SetAsync(c, onHand: 0);               // c has more sales than x but is sold out
        await SetAsync(g, status: ProductStatus.Draft);
        await SetAsync(d, sales: 5);                // the category's bestsellers fill the rest

        var also = await Recommendations.AlsoBoughtAsync(a.ProductId);

        Assert.Equal([b.ProductId, x.ProductId, c.ProductId, d.ProductId, e.ProductId], also.Products.Select(p => p.Id));
        Assert.Equal(3, also.CoPurchased);
        Assert.False(also.Products.Single(p => p.Id == c.ProductId).InStock);

        // Cached ranking, fresh cards: a product hidden since is gone at once.
        await SetAsync(x, status: ProductStatus.Draft);
        Assert.Equal([b.ProductId, c.ProductId, d.ProductId, e.ProductId], (await Recommendations.AlsoBoughtAsync(a.ProductId)).Products.Select(p => p.Id));
    }

    [Fact]
    public async Task A_product_nobody_bought_with_anything_gets_its_categorys_bestsellers_and_never_itself()
    {
        var shop = await _world.ShopAsync("lonely");
        var lonely = await _world.ProductAsync(shop, 10m, 5, "Lonely");
        var top = await _world.ProductAsync(shop, 10m, 5, "Top");
        var soldOut = await _world.ProductAsync(shop, 10m, 5, "Sold out");
        await OrderAsync(Guest(), lonely);
        await SetAsync(top, sales: 3);
        await SetAsync(soldOut, sales: 9, onHand: 0);

        var also = await Recommendations.AlsoBoughtAsync(lonely.ProductId);

        Assert.Equal(0, also.CoPurchased);
        Assert.Equal([top.ProductId, soldOut.ProductId], also.Products.Select(p => p.Id));
    }

    [Fact]
    public async Task A_shopper_gets_what_was_bought_with_their_purchases_and_views_never_what_they_own_then_bestsellers()
    {
        var tools = await _world.ShopAsync("tools");
        var toys = await _world.ShopAsync("toys");
        var a = await _world.ProductAsync(tools, 10m, 50, "Axe");
        var b = await _world.ProductAsync(tools, 10m, 50, "Bench");
        var c = await _world.ProductAsync(tools, 10m, 50, "Chisel");
        var d = await _world.ProductAsync(tools, 10m, 50, "Dowel");
        var e = await _world.ProductAsync(tools, 10m, 50, "Emery");
        var v = await _world.ProductAsync(toys, 10m, 50, "Viewed kite");
        var w = await _world.ProductAsync(toys, 10m, 50, "Wind sock");
        var z = await _world.ProductAsync(toys, 10m, 50, "Zeppelin");

        var shopper = CheckoutWorld.NewBuyer();
        await OrderAsync(shopper, a);
        await OrderAsync(shopper, b);               // bought with the axe by others, but the shopper owns one
        await OrderAsync(Guest(), a, b);
        await OrderAsync(Guest(), a, b, c);
        await OrderAsync(Guest(), a, c);
        await OrderAsync(Guest(), v, w);
        await SetAsync(d, sales: 7);
        await SetAsync(e, sales: 2);
        await SetAsync(z, sales: 4);

        var forYou = (await Recommendations.ForShopperAsync(shopper.UserId, [v.ProductId])).Select(p => p.Id).ToList();

        // c shares two orders with the axe, w one with the viewed kite; then the categories' bestsellers (d, z, e);
        // then overall bestsellers from the rest of the catalogue, up to eight.
        Assert.Equal([c.ProductId, w.ProductId, d.ProductId, z.ProductId, e.ProductId], forYou.Take(5));
        Assert.InRange(forYou.Count, 5, ProductRecommendations.Max);
        Assert.Equal(forYou.Count, forYou.Distinct().Count());
        Assert.DoesNotContain(a.ProductId, forYou);
        Assert.DoesNotContain(b.ProductId, forYou);
        Assert.DoesNotContain(v.ProductId, forYou);
    }

    [Fact]
    public async Task A_guest_gets_recommendations_from_recently_viewed_only_and_nothing_without_history()
    {
        var shop = await _world.ShopAsync("guesty");
        var a = await _world.ProductAsync(shop, 10m, 50, "Apron");
        var b = await _world.ProductAsync(shop, 10m, 50, "Basket");
        var c = await _world.ProductAsync(shop, 10m, 50, "Colander");
        var d = await _world.ProductAsync(shop, 10m, 50, "Dish");
        await OrderAsync(Guest(), a, b);
        await OrderAsync(Guest(), a, b, c);
        await OrderAsync(Guest(), a, c);
        await OrderAsync(Guest(), b);               // b outsells c, which breaks their tie (two orders each)

        Assert.Equal([b.ProductId, c.ProductId, d.ProductId], (await Recommendations.ForShopperAsync(null, [a.ProductId])).Select(p => p.Id));
        Assert.Empty(await Recommendations.ForShopperAsync(null, []));
        Assert.Empty(await Recommendations.ForShopperAsync(CheckoutWorld.NewBuyer().UserId, []));
    }
}

public sealed class SqliteRecommendationTests(CheckoutSqliteDatabase database) : RecommendationTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresRecommendationTests(CheckoutPostgresDatabase database) : RecommendationTests<CheckoutPostgresDatabase>(database);
