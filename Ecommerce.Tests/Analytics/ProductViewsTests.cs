using Ecommerce.Core.Analytics;
using Ecommerce.Core.Recommendations;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Analytics;

public sealed class AnalyticsSqliteDatabase : SqliteTestDatabase;

public sealed class AnalyticsPostgresDatabase : PostgresTestDatabase;

public sealed class AnalyticsSqlServerDatabase : SqlServerTestDatabase;

/// <summary>
/// What a visitor's requests can put in memory is bounded: a view of an id no product can have is refused, at most
/// <see cref="ProductViews.MaxPending"/> product-days wait for a flush, the flush writes them in a few statements and
/// drops ids that are no product, and made-up "recently viewed" lists stay out of the app's shared cache.
/// </summary>
public abstract class ProductViewsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ProductViews Views => database.Services.GetRequiredService<ProductViews>();

    private async Task<int[]> ProductsAsync(int count)
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "views-" + Guid.NewGuid().ToString("N")[..8]);
        var products = Enumerable.Range(1, count).Select(i => TestData.Product(shop, category, $"Viewed {i}", 10m, 5)).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync();
        return products.Select(p => p.Id).ToArray();
    }

    private async Task<Dictionary<int, int>> ViewsOfAsync(IEnumerable<int> productIds)
    {
        var ids = productIds.ToList();
        await using var db = database.NewContext();
        return await db.ProductViewDays.Where(v => ids.Contains(v.ProductId)).GroupBy(v => v.ProductId)
            .ToDictionaryAsync(g => g.Key, g => g.Sum(v => v.Views));
    }

    [DatabaseFact]
    public async Task Views_of_ids_no_product_can_have_are_refused_and_the_rest_are_written_in_batches()
    {
        var ids = await ProductsAsync(3);
        await Views.FlushAsync();

        Assert.True(await Views.RecordIfProductAsync(ids[0]));
        Assert.True(await Views.RecordIfProductAsync(ids[0]));
        Assert.True(await Views.RecordIfProductAsync(ids[2]));
        Assert.False(await Views.RecordIfProductAsync(0));
        Assert.False(await Views.RecordIfProductAsync(-5));
        Assert.False(await Views.RecordIfProductAsync(ids[2] + 1_000_000));
        Assert.False(await Views.RecordIfProductAsync(int.MaxValue));
        Assert.Equal(2, Views.Pending);
        // Ids below the highest that name no product (deleted ones) pass the cheap check; the flush drops them. 1,200 of
        // them make three statements of 500 rows.
        foreach (var missing in Enumerable.Range(ids[2] + 10, 1_200)) Views.Record(missing);
        await Views.FlushAsync();

        Assert.Equal(0, Views.Pending);
        Assert.Equal(new Dictionary<int, int> { [ids[0]] = 2, [ids[2]] = 1 }, await ViewsOfAsync(ids.Concat(Enumerable.Range(ids[2] + 10, 1_200))));
        Assert.True(await Views.RecordIfProductAsync(ids[0]));
        await Views.FlushAsync();
        Assert.Equal(3, (await ViewsOfAsync([ids[0]]))[ids[0]]);
    }

    [DatabaseFact]
    public async Task At_most_MaxPending_product_days_wait_for_a_flush()
    {
        var ids = await ProductsAsync(1);
        await Views.FlushAsync();
        foreach (var id in Enumerable.Range(ids[0] + 1_000, ProductViews.MaxPending - 1)) Views.Record(id);
        Views.Record(ids[0]);
        foreach (var id in Enumerable.Range(ids[0] + 100_000, 500)) Views.Record(id); // the flood beyond the bound is not kept
        Views.Record(ids[0]); // a product-day already waiting still counts

        Assert.Equal(ProductViews.MaxPending, Views.Pending);
        await Views.FlushAsync();
        Assert.Equal(0, Views.Pending);
        Assert.Equal(2, (await ViewsOfAsync([ids[0]]))[ids[0]]);
    }

    [DatabaseFact]
    public async Task Made_up_recently_viewed_lists_stay_out_of_the_shared_cache_and_their_own_is_bounded()
    {
        var recommendations = database.Services.GetRequiredService<ProductRecommendations>();
        var shared = (MemoryCache)database.Services.GetRequiredService<IMemoryCache>();
        var before = shared.Count;

        for (var i = 0; i < 30; i++)
            Assert.Empty(await recommendations.ForShopperAsync(null, [int.MaxValue - i, int.MaxValue - 100 - i]));

        Assert.Equal(before, shared.Count);
        Assert.InRange(recommendations.CachedShopperLists, 30, ProductRecommendations.MaxShopperLists);
    }
}

public sealed class SqliteProductViewsTests(AnalyticsSqliteDatabase database) : ProductViewsTests<AnalyticsSqliteDatabase>(database);

public sealed class PostgresProductViewsTests(AnalyticsPostgresDatabase database) : ProductViewsTests<AnalyticsPostgresDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerProductViewsTests(AnalyticsSqlServerDatabase database) : ProductViewsTests<AnalyticsSqlServerDatabase>(database);
