using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// An approved return is never left half done: a refund that fails in any way reopens it, and a refund confirmed
/// just before the process stopped still links to the return and restocks — once — from its event.
/// </summary>
public abstract class ReturnCompletionTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");
    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    private Task<(PaidOrder Paid, ReturnRequest Request)> RequestedReturnAsync() => PaidOrders.DeliveredWithReturnAsync(database);

    private async Task<(ReturnStatus Status, int? RefundId, int OnHand, decimal Refunded)> StateAsync(PaidOrder paid, int returnId)
    {
        await using var db = database.NewContext();
        var request = await db.ReturnRequests.SingleAsync(r => r.Id == returnId);
        var onHand = await db.StockItems.Where(s => s.VariantId == paid.VariantIds[0]).Select(s => s.OnHand).SingleAsync();
        var refunded = await db.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.RefundedAmount).SingleAsync();
        return (request.Status, request.RefundId, onHand, refunded);
    }

    [Fact]
    public async Task A_refund_that_fails_to_save_reopens_the_return_and_approving_again_refunds_once()
    {
        var (paid, request) = await RequestedReturnAsync();
        database.Services.GetRequiredService<SaveFaults>().FailNextInsertOf<Refund>();
        await Assert.ThrowsAsync<DbUpdateException>(() => Get<Returns>().ApproveAsync(paid.ShopId, request.Id, restock: true, Merchant));
        Assert.Equal((ReturnStatus.Requested, (int?)null, 7, 0m), await StateAsync(paid, request.Id));

        var refund = await Get<Returns>().ApproveAsync(paid.ShopId, request.Id, restock: true, Merchant);
        Assert.Equal((ReturnStatus.Approved, (int?)refund.Id, 9, 60m), await StateAsync(paid, request.Id));
    }

    [Fact]
    public async Task A_refund_confirmed_before_the_approval_stopped_completes_the_return_from_its_event_once()
    {
        var (paid, request) = await RequestedReturnAsync();
        // What ApproveAsync had done when the process stopped: the decision claimed, the refund made and confirmed.
        await using (var db = database.NewContext())
            await db.ReturnRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Approved)
                .SetProperty(r => r.DecidedAt, DateTime.UtcNow).SetProperty(r => r.DecidedBy, Merchant.Name).SetProperty(r => r.Restocked, true));
        var refund = await Get<Refunds>().RefundAsync(paid.ShopId, paid.ShopOrderId, 60m, $"Return #{request.Id} approved", Merchant, request.Id);
        Assert.Equal((ReturnStatus.Approved, (int?)null, 7, 60m), await StateAsync(paid, request.Id));

        await database.Dispatcher.DrainAsync();
        Assert.Equal((ReturnStatus.Approved, (int?)refund.Id, 9, 60m), await StateAsync(paid, request.Id));

        await using (var db = database.NewContext())
            await db.OutboxMessages.Where(m => m.Type == EventTypes.ShopOrderRefunded)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        await database.Dispatcher.DrainAsync();
        Assert.Equal((ReturnStatus.Approved, (int?)refund.Id, 9, 60m), await StateAsync(paid, request.Id));
        await using var check = database.NewContext();
        Assert.Equal(1, await check.OrderHistory.CountAsync(h => h.ShopOrderId == paid.ShopOrderId && h.Reason!.StartsWith("Return approved")));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.SubjectId == paid.Order.Number && a.Action == "return.approved"));
    }
}

/// <summary>A test database whose saves can be made to fail once (see <see cref="SaveFaults"/>).</summary>
public sealed class SqliteFaultyDatabase : SqliteTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => SaveFaults.Register(services);
}

public sealed class PostgresFaultyDatabase : PostgresTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => SaveFaults.Register(services);
}

public sealed class SqliteReturnCompletionTests(SqliteFaultyDatabase database) : ReturnCompletionTests<SqliteFaultyDatabase>(database);

public sealed class PostgresReturnCompletionTests(PostgresFaultyDatabase database) : ReturnCompletionTests<PostgresFaultyDatabase>(database);
