using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>Returns: only delivered units, never more than delivered minus already returned; approval refunds and restocks, refusal frees the units.</summary>
public abstract class ReturnTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");
    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    /// <summary>A paid order of 3 lamps ($30 each, $5 shipping, no tax) made a signed-in user's, optionally delivered.</summary>
    private async Task<(PaidOrder Paid, string UserId)> OrderAsync(bool delivered)
    {
        var paid = await PaidOrders.PlaceAsync(database, 3);
        var userId = "user-" + Guid.NewGuid().ToString("N");
        await using (var db = database.NewContext())
            await db.Orders.Where(o => o.Id == paid.Order.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId));
        if (delivered)
        {
            await Get<MerchantOrders>().MarkShippedAsync(paid.ShopId, paid.ShopOrderId, "UPS", "1Z", "m");
            await Get<MerchantOrders>().MarkDeliveredAsync(paid.ShopId, paid.ShopOrderId, "m");
        }
        return (paid, userId);
    }

    [Fact]
    public async Task Only_delivered_units_not_yet_returned_can_be_asked_for_and_only_by_the_buyer()
    {
        var returns = Get<Returns>();
        var (undelivered, owner) = await OrderAsync(delivered: false);
        await Assert.ThrowsAsync<ConflictException>(() => returns.RequestAsync(owner, undelivered.Order.Number, undelivered.ShopOrderId, [new(undelivered.LineIds[0], 1)], "Too big"));

        var (paid, userId) = await OrderAsync(delivered: true);
        await Assert.ThrowsAsync<NotFoundException>(() => returns.RequestAsync("someone-else", paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 1)], "Mine"));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 0)], " "));
        Assert.Equal(["lines", "reason"], bad.Errors.Keys.Order());
        await Assert.ThrowsAsync<ConflictException>(() => returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 4)], "All of them"));

        await returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 2)], "Too dim");
        var more = await Assert.ThrowsAsync<ConflictException>(() => returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 2)], "Again"));
        Assert.Contains("At most 1", more.Message);
    }

    [Fact]
    public async Task Approval_refunds_the_units_share_restocks_once_and_refusal_frees_the_units()
    {
        var returns = Get<Returns>();
        var (paid, userId) = await OrderAsync(delivered: true);
        var first = await returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 2)], "Too dim");
        await Assert.ThrowsAsync<NotFoundException>(() => returns.ApproveAsync(paid.OtherShopId, first.Id, true, Merchant));
        var refund = await returns.ApproveAsync(paid.ShopId, first.Id, restock: true, Merchant);
        Assert.Equal(60m, refund.Amount); // 2 × $30, shipping kept
        await Assert.ThrowsAsync<ConflictException>(() => returns.ApproveAsync(paid.ShopId, first.Id, true, Merchant));

        var second = await returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 1)], "Also dim");
        await returns.RefuseAsync(paid.ShopId, second.Id, "Used beyond the return policy", Merchant);
        // Refused units can be asked for again.
        await returns.RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 1)], "Please reconsider");

        await using var db = database.NewContext();
        Assert.Equal(9, await db.StockItems.Where(s => s.VariantId == paid.VariantIds[0]).Select(s => s.OnHand).SingleAsync()); // 10 − 3 + 2
        Assert.Equal(60m, await db.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.RefundedAmount).SingleAsync());
        var decided = await db.ReturnRequests.Where(r => r.ShopOrderId == paid.ShopOrderId).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync();
        Assert.Equal([ReturnStatus.Approved, ReturnStatus.Refused, ReturnStatus.Requested], decided);
        var audit = await db.AuditEntries.Where(a => a.SubjectId == paid.Order.Number).Select(a => a.Action).ToListAsync();
        Assert.Contains("return.approved", audit);
        Assert.Contains("return.refused", audit);
        Assert.Contains("order.refunded", audit);
        var view = await Get<ShopperOrders>().DetailAsync(paid.Order.Number, userId, null);
        Assert.Contains(view.History, h => h.Reason == "Return refused: Used beyond the return policy");
    }
}

public sealed class SqliteReturnTests(SqliteTestDatabase database) : ReturnTests<SqliteTestDatabase>(database);

public sealed class PostgresReturnTests(PostgresTestDatabase database) : ReturnTests<PostgresTestDatabase>(database);
