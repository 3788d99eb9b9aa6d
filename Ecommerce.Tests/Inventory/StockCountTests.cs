using Ecommerce.Core.Inventory;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Inventory;

/// <summary>
/// A stock take records the count it replaced, exactly, even when a sale of the variant commits meanwhile (PostgreSQL:
/// the sale holds the row while the stock take waits for it).
/// </summary>
[RequiresPostgres]
public sealed class StockCountTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [DatabaseFact]
    public async Task A_stock_take_records_the_count_a_sale_left_when_the_sale_commits_while_it_waits()
    {
        int shopId, variantId;
        await using (var db = database.NewContext())
        {
            var (shop, category) = await TestData.ShopWithCategoryAsync(db, "count-" + Guid.NewGuid().ToString("N")[..6]);
            var product = TestData.Product(shop, category, "Counted lamp", 10m, stock: 10);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            (shopId, variantId) = (shop.Id, product.Variants[0].Id);
        }

        // A sale in progress: one unit fewer, its transaction still open (and holding the row).
        await using var sale = database.NewContext();
        await using var saleTransaction = await sale.Database.BeginTransactionAsync();
        await sale.StockItems.Where(s => s.VariantId == variantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand - 1));

        var take = database.Services.GetRequiredService<StockService>().SetAsync(shopId, variantId, 20, "Stock take");
        await WaitForALockWaitAsync(take);
        await saleTransaction.CommitAsync();
        Assert.Equal(20, await take);

        await using var read = database.NewContext();
        var adjustment = await read.StockAdjustments.Where(a => a.VariantId == variantId).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(11, adjustment.Delta); // from the 9 the sale left, not the 10 there were before it committed
        Assert.Equal(20, adjustment.OnHandAfter);
    }

    /// <summary>Until a session of this database waits for a lock (the stock take, behind the sale).</summary>
    private async Task WaitForALockWaitAsync(Task take)
    {
        await using var db = database.NewContext();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.Database.SqlQueryRaw<int>(
                   "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync() == 0)
        {
            Assert.False(take.IsCompleted, "the stock take finished without waiting for the sale");
            Assert.True(DateTime.UtcNow < deadline, "the stock take never waited for the sale's row");
            await Task.Delay(50);
        }
    }
}
