using System.Collections.Concurrent;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// A process that dies after the provider made a refund but before the answer was recorded leaves a Pending refund
/// whose amount stays counted. The sweep asks the provider again with the same key once the refund is old enough,
/// and records it once, however many sweeps run at once.
/// </summary>
public abstract class PendingRefundSweepTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICrashingRefundDatabase
{
    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");

    [Fact]
    public async Task A_refund_left_pending_by_a_crash_is_settled_once_by_the_sweep()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2); // $65
        var gateway = database.Gateway;
        await using (var db = database.NewContext())
            gateway.DieAfterRefunding(await db.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.ProviderPaymentId!).SingleAsync());

        await Assert.ThrowsAsync<ProcessDied>(() => database.Services.GetRequiredService<Refunds>().RefundAsync(paid.ShopId, paid.ShopOrderId, 20m, "Scratched", Merchant));
        var refund = await RefundOfAsync(paid.ShopOrderId);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(20m, await RefundedOnShopOrderAsync(paid.ShopOrderId));

        var sweeper = database.Services.GetRequiredService<PendingRefundSweeper>();
        Assert.Equal(0, await sweeper.SweepAsync()); // too young: its own call may still be running
        Assert.Equal(RefundStatus.Pending, (await RefundOfAsync(paid.ShopOrderId)).Status);

        database.Clock.Advance(TimeSpan.FromMinutes(3));
        var sweeps = await Task.WhenAll(sweeper.SweepAsync(), sweeper.SweepAsync(), sweeper.SweepAsync());
        Assert.InRange(sweeps.Sum(), 1, 3);
        var settled = await RefundOfAsync(paid.ShopOrderId);
        Assert.Equal(RefundStatus.Succeeded, settled.Status);
        // The provider was asked again under the same key, and answered with the refund it had made.
        Assert.All(gateway.KeysAsked, k => Assert.Equal($"refund-{refund.Id}", k));
        Assert.True(gateway.KeysAsked.Count >= 2);
        Assert.Equal(gateway.FirstRefundId, settled.ProviderRefundId);
        Assert.Equal(0, await sweeper.SweepAsync());

        await using var check = database.NewContext();
        Assert.Equal(20m, await RefundedOnShopOrderAsync(paid.ShopOrderId));
        Assert.Equal(20m, await check.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.RefundedAmount).SingleAsync());
        var audit = Assert.Single(await check.AuditEntries.Where(a => a.SubjectId == paid.Order.Number && a.Action == "order.refunded").ToListAsync());
        Assert.Equal("merchant@test.local", audit.ActorName);
        Assert.Single(await check.OutboxMessages.Where(m => m.Type == EventTypes.ShopOrderRefunded && m.Payload.Contains(paid.Order.Number)).ToListAsync());
        Assert.Single(await check.OrderHistory.Where(h => h.ShopOrderId == paid.ShopOrderId && h.Reason!.StartsWith("Partly refunded 20.00 USD")).ToListAsync());
    }

    [Fact]
    public async Task A_refund_whose_provider_call_times_out_stays_pending_counted_and_the_sweep_records_the_refund_the_provider_made()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2); // $65
        var gateway = database.Gateway;
        await using (var db = database.NewContext())
            gateway.TimeOutAfterRefunding(await db.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.ProviderPaymentId!).SingleAsync());

        // The outcome is unknown (the provider may have refunded): not a refusal, so nothing is given back to refund again.
        var refund = await database.Services.GetRequiredService<Refunds>().RefundAsync(paid.ShopId, paid.ShopOrderId, 65m, "Never arrived", Merchant);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(65m, await RefundedOnShopOrderAsync(paid.ShopOrderId));
        await Assert.ThrowsAsync<Ecommerce.Core.Common.ConflictException>(() =>
            database.Services.GetRequiredService<Refunds>().RefundAsync(paid.ShopId, paid.ShopOrderId, 65m, "Never arrived", Merchant));

        database.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await database.Services.GetRequiredService<PendingRefundSweeper>().SweepAsync());
        var settled = await RefundOfAsync(paid.ShopOrderId);
        Assert.Equal(RefundStatus.Succeeded, settled.Status);
        Assert.Equal(gateway.FirstRefundId, settled.ProviderRefundId);
        Assert.Equal(65m, await RefundedOnShopOrderAsync(paid.ShopOrderId));
    }

    [Fact]
    public async Task An_approved_return_waits_for_its_pending_refund_and_is_open_again_when_the_provider_finally_refuses()
    {
        var (paid, request) = await PaidOrders.DeliveredWithReturnAsync(database);
        var gateway = database.Gateway;
        await using (var db = database.NewContext())
            gateway.TimeOutThenRefuse(await db.Payments.Where(p => p.OrderId == paid.Order.OrderId).Select(p => p.ProviderPaymentId!).SingleAsync());

        var refund = await database.Services.GetRequiredService<Returns>().ApproveAsync(paid.ShopId, request.Id, restock: true, Merchant);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        // Approved, but not completed: no refund linked and nothing back in stock until the provider answers.
        Assert.Equal((ReturnStatus.Approved, (int?)null, 7), await ReturnStateAsync(paid, request.Id));

        database.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await database.Services.GetRequiredService<PendingRefundSweeper>().SweepAsync());
        Assert.Equal(RefundStatus.Failed, (await RefundOfAsync(paid.ShopOrderId)).Status);
        Assert.Equal(0m, await RefundedOnShopOrderAsync(paid.ShopOrderId));
        Assert.Equal((ReturnStatus.Requested, (int?)null, 7), await ReturnStateAsync(paid, request.Id));

        // Open again, it can be decided again: refused this time, with a note the shopper reads.
        await database.Services.GetRequiredService<Returns>().RefuseAsync(paid.ShopId, request.Id, "Refund refused by the bank; please contact us", Merchant);
        Assert.Equal(ReturnStatus.Refused, (await ReturnStateAsync(paid, request.Id)).Status);
    }

    private async Task<(ReturnStatus Status, int? RefundId, int OnHand)> ReturnStateAsync(PaidOrder paid, int returnId)
    {
        await using var db = database.NewContext();
        var request = await db.ReturnRequests.SingleAsync(r => r.Id == returnId);
        return (request.Status, request.RefundId, await db.StockItems.Where(s => s.VariantId == paid.VariantIds[0]).Select(s => s.OnHand).SingleAsync());
    }

    private async Task<Refund> RefundOfAsync(int shopOrderId)
    {
        await using var db = database.NewContext();
        return await db.Refunds.AsNoTracking().SingleAsync(r => r.ShopOrderId == shopOrderId);
    }

    private async Task<decimal> RefundedOnShopOrderAsync(int shopOrderId)
    {
        await using var db = database.NewContext();
        return await db.ShopOrders.Where(s => s.Id == shopOrderId).Select(s => s.RefundedAmount).SingleAsync();
    }
}

/// <summary>The process "dying" right after the provider answered: nothing after the call runs.</summary>
public sealed class ProcessDied : Exception;

/// <summary>
/// The Sandbox, which records the refund keys it is asked with, and for chosen payments makes the first refund and
/// then "kills the process" (throws what nothing catches) before the caller can record the answer.
/// </summary>
public sealed class CrashingRefundGateway(SandboxPaymentGateway sandbox) : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, bool> _dieOnce = new();
    public ConcurrentQueue<string> KeysAsked { get; } = new();
    public string? FirstRefundId { get; private set; }

    private readonly ConcurrentDictionary<string, bool> _timeOutOnce = new();
    public void DieAfterRefunding(string providerPaymentId) => _dieOnce[providerPaymentId] = true;
    /// <summary>The first refund is made, but the caller hears a timeout (as from Stripe: nothing known decided).</summary>
    public void TimeOutAfterRefunding(string providerPaymentId) => _timeOutOnce[providerPaymentId] = true;
    private readonly ConcurrentDictionary<string, bool> _timeOutThenRefuse = new();
    /// <summary>The first call times out having done nothing; every later call is refused (the issuer said no).</summary>
    public void TimeOutThenRefuse(string providerPaymentId) => _timeOutThenRefuse[providerPaymentId] = true;

    public string Name => sandbox.Name;
    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) => sandbox.ChargeAsync(request, cancellationToken);
    public Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default) => sandbox.GetAsync(providerPaymentId, cancellationToken);

    public async Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (_timeOutThenRefuse.TryGetValue(providerPaymentId, out var first))
        {
            KeysAsked.Enqueue(idempotencyKey);
            if (!first) return new RefundResult(false, null, "The card issuer refused the refund.");
            _timeOutThenRefuse[providerPaymentId] = false;
            throw new PaymentProviderException("The payment provider did not answer in time.");
        }
        var result = await sandbox.RefundAsync(providerPaymentId, amount, currency, idempotencyKey, cancellationToken);
        KeysAsked.Enqueue(idempotencyKey);
        if (_dieOnce.TryRemove(providerPaymentId, out _))
        {
            FirstRefundId = result.ProviderRefundId;
            throw new ProcessDied();
        }
        if (_timeOutOnce.TryRemove(providerPaymentId, out _))
        {
            FirstRefundId = result.ProviderRefundId;
            throw new PaymentProviderException("The payment provider did not answer in time.");
        }
        return result;
    }
}

public interface ICrashingRefundDatabase
{
    TestClock Clock { get; }
    CrashingRefundGateway Gateway { get; }
}

internal static class CrashingRefundServices
{
    public static void Add(IServiceCollection services, TestClock clock)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<SandboxPaymentGateway>();
        services.AddSingleton<CrashingRefundGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<CrashingRefundGateway>());
    }
}

public sealed class CrashingRefundSqliteDatabase : SqliteTestDatabase, ICrashingRefundDatabase
{
    public TestClock Clock { get; } = new();
    public CrashingRefundGateway Gateway => Services.GetRequiredService<CrashingRefundGateway>();
    protected override void Configure(Dictionary<string, string?> settings) => CheckoutTestServices.Configure(settings);
    protected override void ConfigureServices(IServiceCollection services) => CrashingRefundServices.Add(services, Clock);
}

public sealed class CrashingRefundPostgresDatabase : PostgresTestDatabase, ICrashingRefundDatabase
{
    public TestClock Clock { get; } = new();
    public CrashingRefundGateway Gateway => Services.GetRequiredService<CrashingRefundGateway>();
    protected override void Configure(Dictionary<string, string?> settings) => CheckoutTestServices.Configure(settings);
    protected override void ConfigureServices(IServiceCollection services) => CrashingRefundServices.Add(services, Clock);
}

public sealed class SqlitePendingRefundSweepTests(CrashingRefundSqliteDatabase database) : PendingRefundSweepTests<CrashingRefundSqliteDatabase>(database);

public sealed class PostgresPendingRefundSweepTests(CrashingRefundPostgresDatabase database) : PendingRefundSweepTests<CrashingRefundPostgresDatabase>(database);
