using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Web;

/// <summary>
/// Cached storefront pages are evicted by what changed, over real HTTP: an order evicts no page it does not change;
/// a product's update evicts its page, its shop's page and the listings, and leaves another shop's pages cached.
/// A copy's age (the Age header of a response served from the cache) tells whether it was made before the change.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StorefrontCacheEvictionTests(WebAppFixture app)
{
    /// <summary>Longer than the invalidator's poll (1 s) with room for a busy machine; far below a copy's 30 s lifetime.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2.5);

    // Events that legitimately evict listings: another test's background work writing one makes an attempt inconclusive.
    private static readonly string[] CatalogueTypes =
        [EventTypes.ProductRegistered, EventTypes.ProductUpdated, EventTypes.ProductDeleted, EventTypes.StockChanged,
         EventTypes.ShopPublished, EventTypes.ShopUpdated, EventTypes.ShopStatusChanged, EventTypes.CategoryChanged];

    [Fact]
    public async Task An_order_leaves_the_cached_home_and_product_pages_cached()
    {
        var product = await NewProductAsync(app, stock: 5);
        var paths = new[] { "/", $"/p/{await SlugAsync(product.ProductId)}" };
        await Task.Delay(Settle); // the product's own events have been seen by the cache
        for (var attempt = 1; ; attempt++)
        {
            var before = await LastEventIdAsync();
            using var visitor = app.CreateClient();
            foreach (var path in paths) await CacheAsync(visitor, path);
            var cached = Stopwatch.StartNew();

            var (shopper, _) = await NewBearerShopperAsync(app);
            await JsonAsync(await AddToCartAsync(shopper, product.VariantId, 1), HttpStatusCode.OK);
            // Declined: the order is placed and fails, and no stock is sold (a sale would rightly evict the product).
            await JsonAsync(await CheckoutAsync(shopper, new { shipTo = UsAddress, payment = Card(DeclinedCard) }), HttpStatusCode.PaymentRequired);
            await Task.Delay(Settle);

            var events = await EventTypesAfterAsync(before);
            Assert.Contains(EventTypes.OrderPlaced, events);
            Assert.Contains(EventTypes.OrderPaymentFailed, events);
            if (events.Intersect(CatalogueTypes).Any() && attempt < 3) continue; // another test's product change: try again
            foreach (var path in paths)
                Assert.True(await IsCopyFromBeforeAsync(visitor, path, cached), $"{path} was evicted by an order");
            return;
        }
    }

    [Fact]
    public async Task A_product_update_evicts_its_page_its_shop_and_the_listings_but_not_another_shops_pages()
    {
        var product = await NewProductAsync(app, stock: 5);
        var slug = await SlugAsync(product.ProductId);
        string otherSlug;
        await using (var db = ProductApi.Db(app))
            otherSlug = await db.Products.Where(p => p.Shop!.Slug == ProductApi.ShopB).OrderBy(p => p.Id).Select(p => p.Slug).FirstAsync();
        string[] evicted = [$"/p/{slug}", $"/s/{Ecommerce.Core.Data.Seeding.DemoSeeder.MainShopSlug}", "/", "/search?q=jacket"];
        string[] kept = [$"/s/{ProductApi.ShopB}", $"/p/{otherSlug}"];
        await Task.Delay(Settle);

        using var visitor = app.CreateClient();
        foreach (var path in evicted.Concat(kept)) await CacheAsync(visitor, path);
        var cached = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2)); // so that a copy from before the change is told from one after it by its age

        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var renamed = product.Name + " Mark II";
        Assert.Equal(HttpStatusCode.OK, (await merchant.PatchAsJsonAsync($"/api/v1/products/{product.ProductId}", new { name = renamed })).StatusCode);
        await Task.Delay(Settle);

        foreach (var path in evicted)
            Assert.False(await IsCopyFromBeforeAsync(visitor, path, cached), $"{path} still served the copy from before the update");
        Assert.Contains(renamed, await visitor.GetStringAsync($"/p/{slug}"));
        foreach (var path in kept)
            Assert.True(await IsCopyFromBeforeAsync(visitor, path, cached), $"{path} (another shop) was evicted by the update");
    }

    /// <summary>Asks until the page is served from the cache.</summary>
    private static async Task CacheAsync(HttpClient visitor, string path)
    {
        for (var i = 0; i < 5; i++)
        {
            using var response = await visitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.Age is not null) return;
        }
        Assert.Fail($"{path} was never served from the cache");
    }

    /// <summary>True when the page is served from a copy made before <paramref name="cached"/> started (its age says so).</summary>
    private static async Task<bool> IsCopyFromBeforeAsync(HttpClient visitor, string path, Stopwatch cached)
    {
        var since = cached.Elapsed;
        using var response = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is { } age && age >= since - TimeSpan.FromSeconds(1);
    }

    private async Task<long> LastEventIdAsync()
    {
        await using var db = ProductApi.Db(app);
        return await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    private async Task<List<string>> EventTypesAfterAsync(long id)
    {
        await using var db = ProductApi.Db(app);
        return await db.OutboxMessages.Where(m => m.Id > id).Select(m => m.Type).Distinct().ToListAsync();
    }

    private async Task<string> SlugAsync(int productId)
    {
        await using var db = ProductApi.Db(app);
        return await db.Products.Where(p => p.Id == productId).Select(p => p.Slug).SingleAsync();
    }
}
