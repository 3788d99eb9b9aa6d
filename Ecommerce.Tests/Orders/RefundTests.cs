using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// Refunds of a shop order, whole or part: never more than was paid (also when refunds race), a refused provider
/// call leaves nothing refunded, each success is in the history, the audit log and one email to the shopper.
/// </summary>
public abstract class RefundTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");
    private Refunds Refunds => database.Services.GetRequiredService<Refunds>();

    [Fact]
    public async Task Partial_refunds_add_up_to_a_whole_refund_and_never_beyond_the_total()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2); // 2 × $30 + $5 shipping = $65
        var first = await Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 20m, "Scratched lamp", Merchant);
        Assert.Equal(RefundStatus.Succeeded, first.Status);
        Assert.StartsWith("sbx_re_", first.ProviderRefundId);

        var tooMuch = await Assert.ThrowsAsync<ConflictException>(() => Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 45.01m, "More", Merchant));
        Assert.Contains("45.00", tooMuch.Message);
        await Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 45m, "The rest", Merchant);
        await Assert.ThrowsAsync<ConflictException>(() => Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 0.01m, "Again", Merchant));

        await using var db = database.NewContext();
        var payment = await db.Payments.SingleAsync(p => p.OrderId == paid.Order.OrderId);
        Assert.Equal((65m, 65m), (payment.Amount, payment.RefundedAmount));
        Assert.Equal(OrderStatus.Refunded, await db.ShopOrders.Where(s => s.Id == paid.ShopOrderId).Select(s => s.Status).SingleAsync());
        Assert.Equal(OrderStatus.Refunded, await db.Orders.Where(o => o.Id == paid.Order.OrderId).Select(o => o.Status).SingleAsync());
        var history = await db.OrderHistory.Where(h => h.OrderId == paid.Order.OrderId && h.ShopOrderId == paid.ShopOrderId).OrderBy(h => h.Id).ToListAsync();
        Assert.Contains(history, h => h.From == OrderStatus.Paid && h.To == OrderStatus.Paid && h.Reason!.StartsWith("Partly refunded 20.00 USD: Scratched lamp"));
        Assert.Contains(history, h => h.To == OrderStatus.Refunded && h.Reason!.StartsWith("Refunded 45.00 USD"));
        var audit = await db.AuditEntries.Where(a => a.SubjectId == paid.Order.Number).ToListAsync();
        Assert.Equal(2, audit.Count(a => a.Action == "order.refunded" && a.ActorName == "merchant@test.local" && a.ShopId == paid.ShopId));
    }

    [Fact]
    public async Task Concurrent_refunds_never_exceed_what_was_paid()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2); // $65
        // Ten refunds of $10 race: only six fit.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try { await Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 10m, $"Race {i}", Merchant); return true; }
            catch (ConflictException) { return false; }
        })));
        Assert.Equal(6, attempts.Count(ok => ok));
        await using var db = database.NewContext();
        Assert.Equal(60m, await db.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.RefundedAmount).SingleAsync());
        Assert.Equal(60m, await db.ShopOrders.Where(s => s.Id == paid.ShopOrderId).Select(s => s.RefundedAmount).SingleAsync());
        Assert.Equal(6, await db.Refunds.CountAsync(r => r.ShopOrderId == paid.ShopOrderId && r.Status == RefundStatus.Succeeded));
    }

    [Fact]
    public async Task A_refund_the_provider_refuses_leaves_nothing_refunded()
    {
        var paid = await PaidOrders.PlaceAsync(database, 1);
        await using (var db = database.NewContext())
            // The Sandbox refuses to refund a payment it did not take.
            await db.Payments.Where(p => p.OrderId == paid.Order.OrderId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderPaymentId, "sbx_never_" + Guid.NewGuid().ToString("N")));
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 10m, "Broken", Merchant));
        Assert.Contains("Nothing was refunded", refused.Message);

        await using var check = database.NewContext();
        Assert.Equal(0m, await check.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.RefundedAmount).SingleAsync());
        Assert.Equal(0m, await check.ShopOrders.Where(s => s.Id == paid.ShopOrderId).Select(s => s.RefundedAmount).SingleAsync());
        Assert.Equal(RefundStatus.Failed, (await check.Refunds.SingleAsync(r => r.ShopOrderId == paid.ShopOrderId)).Status);
        Assert.Equal(OrderStatus.Paid, await check.ShopOrders.Where(s => s.Id == paid.ShopOrderId).Select(s => s.Status).SingleAsync());
        Assert.Single(await check.AuditEntries.Where(a => a.SubjectId == paid.Order.Number && a.Action == "order.refund-failed").ToListAsync());
    }

    [Fact]
    public async Task Another_shop_cannot_refund_and_bad_input_names_the_field()
    {
        var paid = await PaidOrders.PlaceAsync(database, 1);
        await Assert.ThrowsAsync<NotFoundException>(() => Refunds.RefundAsync(paid.OtherShopId, paid.ShopOrderId, 1m, "Mine?", Merchant));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, -1m, " ", Merchant));
        Assert.Equal(["amount", "reason"], bad.Errors.Keys.Order());
        await Assert.ThrowsAsync<ValidationException>(() => Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 1.001m, "Odd cents", Merchant));
        // An admin (no shop) may refund any shop order.
        await Refunds.RefundAsync(null, paid.ShopOrderId, 1m, "Goodwill", AuditActor.User("admin-id", "admin@test.local"));
    }

    [Fact]
    public async Task The_refund_email_goes_out_once_even_when_the_event_is_redelivered()
    {
        var paid = await PaidOrders.PlaceAsync(database, 1);
        var refund = await Refunds.RefundAsync(paid.ShopId, paid.ShopOrderId, 5m, "Late delivery", Merchant);
        await database.Dispatcher.DrainAsync();
        await using (var db = database.NewContext())
            await db.OutboxMessages.Where(m => m.Type == EventTypes.ShopOrderRefunded)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        await database.Dispatcher.DrainAsync();

        await using var check = database.NewContext();
        Assert.Single(await check.SentEmails.Where(e => e.Key == $"shop-order.refunded:{paid.Order.OrderId}:{refund.Id}:shopper").ToListAsync());
        var mails = Directory.GetFiles(Path.Combine(database.Settings.DataFolder, "mail"), "*.eml")
            .Select(File.ReadAllText).Count(t => t.Contains(paid.Order.Number) && t.Contains("A refund of"));
        Assert.Equal(1, mails);
    }
}

public sealed class SqliteRefundTests(SqliteTestDatabase database) : RefundTests<SqliteTestDatabase>(database);

public sealed class PostgresRefundTests(PostgresTestDatabase database) : RefundTests<PostgresTestDatabase>(database);
