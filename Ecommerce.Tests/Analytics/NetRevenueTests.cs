using Ecommerce.Core.Analytics;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Analytics;

/// <summary>The merchant's revenue and the platform's GMV are net of refunds: a partial refund is taken off the day the order was paid.</summary>
public abstract class NetRevenueTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_partial_refund_is_taken_off_the_shops_revenue_and_the_platforms_gmv()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2); // 2 × $30 + $5 shipping
        var gmvBefore = (await Get<PlatformDashboard>().SummaryAsync(7)).Gmv.Where(g => g.Currency == "USD").ToList();
        Assert.Equal((1, 65m), ((await Get<SalesDashboard>().ForShopAsync(paid.ShopId, 7)).Orders, (await Get<SalesDashboard>().ForShopAsync(paid.ShopId, 7)).Revenue));

        await Get<Refunds>().RefundAsync(paid.ShopId, paid.ShopOrderId, 5m, "Scuffed box", AuditActor.User("merchant-id", "merchant@test.local"));

        var sales = await Get<SalesDashboard>().ForShopAsync(paid.ShopId, 7);
        Assert.Equal((1, 60m, 60m), (sales.Orders, sales.Revenue, sales.Days[^1].Revenue));
        var gmvAfter = (await Get<PlatformDashboard>().SummaryAsync(7)).Gmv.Where(g => g.Currency == "USD").ToList();
        Assert.Equal(gmvBefore.Sum(g => g.Total) - 5m, gmvAfter.Sum(g => g.Total));
        Assert.Equal(gmvBefore.Sum(g => g.Orders), gmvAfter.Sum(g => g.Orders));
    }
}

public sealed class SqliteNetRevenueTests(SqliteTestDatabase database) : NetRevenueTests<SqliteTestDatabase>(database);

public sealed class PostgresNetRevenueTests(PostgresTestDatabase database) : NetRevenueTests<PostgresTestDatabase>(database);
