using Ecommerce.Core.Audit;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// Units given back by a cancellation or a restocked return go through Inventory: on hand again, a stock adjustment
/// saying why, and stock.changed, so a product that had sold out shows in stock in search again.
/// </summary>
public abstract class RestockTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");
    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    /// <summary>Whether search shows the order's product (its shop has only that one) in stock, once the index has caught up.</summary>
    private async Task<bool> InStockInSearchAsync(PaidOrder paid)
    {
        await Get<SearchIndexer>().CatchUpAsync();
        var hit = Assert.Single(Get<ProductSearchIndex>().Search(new SearchQuery { Text = "Trail lamp", OnlyShopIds = [paid.ShopId] }).Items);
        return hit.InStock;
    }

    private async Task<(int OnHand, List<(int Delta, string Reason)> Adjustments)> StockAsync(int variantId)
    {
        await using var db = database.NewContext();
        var onHand = await db.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync();
        var adjustments = await db.StockAdjustments.Where(a => a.VariantId == variantId).OrderBy(a => a.Id).Select(a => new { a.Delta, a.Reason }).ToListAsync();
        return (onHand, adjustments.Select(a => (a.Delta, a.Reason)).ToList());
    }

    [Fact]
    public async Task A_cancelled_order_that_sold_a_product_out_puts_it_back_in_stock_in_search()
    {
        var paid = await PaidOrders.PlaceAsync(database, 10); // all ten on hand
        Assert.False(await InStockInSearchAsync(paid));

        await Get<MerchantOrders>().CancelAsync(paid.ShopId, paid.ShopOrderId, "Warehouse flooded", Merchant);

        Assert.True(await InStockInSearchAsync(paid));
        var (onHand, adjustments) = await StockAsync(paid.VariantIds[0]);
        Assert.Equal(10, onHand);
        Assert.Equal([(10, $"Shop order {paid.ShopOrderId} cancelled")], adjustments);
    }

    [Fact]
    public async Task A_restocked_return_of_a_sold_out_product_puts_it_back_in_stock_in_search_and_an_unrestocked_one_does_not()
    {
        var paid = await PaidOrders.PlaceAsync(database, 10);
        var userId = "user-" + Guid.NewGuid().ToString("N");
        await using (var db = database.NewContext())
            await db.Orders.Where(o => o.Id == paid.Order.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId));
        await Get<MerchantOrders>().MarkShippedAsync(paid.ShopId, paid.ShopOrderId, "UPS", "1Z", "m");
        await Get<MerchantOrders>().MarkDeliveredAsync(paid.ShopId, paid.ShopOrderId, "m");
        var returns = Get<Returns>();
        var kept = await returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 1)], "Scratched");
        await returns.ApproveAsync(paid.ShopId, kept.Id, restock: false, Merchant);
        Assert.False(await InStockInSearchAsync(paid));

        var back = await returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 2)], "Too many");
        await returns.ApproveAsync(paid.ShopId, back.Id, restock: true, Merchant);

        Assert.True(await InStockInSearchAsync(paid));
        var (onHand, adjustments) = await StockAsync(paid.VariantIds[0]);
        Assert.Equal(2, onHand);
        Assert.Equal([(2, $"Return #{back.Id} approved")], adjustments);
    }
}

public sealed class SqliteRestockTests(SqliteTestDatabase database) : RestockTests<SqliteTestDatabase>(database);

public sealed class PostgresRestockTests(PostgresTestDatabase database) : RestockTests<PostgresTestDatabase>(database);
