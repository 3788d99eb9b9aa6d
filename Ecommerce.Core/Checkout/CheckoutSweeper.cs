using System.Collections.Concurrent;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// Every few seconds, on every node: releases checkout holds past their expiry, and settles unpaid orders past
/// their deadline: the provider is asked first (a confirmation may have been lost), then the order expires.
/// Each step is a conditional update, so nodes sweeping at once do each thing once.
/// </summary>
public sealed class CheckoutSweeper(
    IDbContextFactory<AppDbContext> contexts, StockReservations reservations, OrderPayments orderPayments, IPaymentGateway gateway,
    PaymentNotifications notifications, WriteGate writeGate, IOptions<CheckoutOptions> options, TimeProvider clock, ILogger<CheckoutSweeper> logger,
    DatabaseReachability reachability)
    : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Checkout sweep", logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await SweepAsync(stoppingToken); _health.Succeeded(); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { _health.Failed(e); }
            try { await Task.Delay(options.Value.SweepInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            using var _ = await writeGate.EnterAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var released = await reservations.SweepExpiredHoldsAsync(db, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (released > 0) logger.LogInformation("Released {Count} expired checkout holds", released);
        }

        // Overdue orders in keyset pages, so orders the provider still calls "processing" (they stay overdue) cannot
        // fill every page and starve newer overdue orders behind them.
        var now = clock.GetUtcNow().UtcDateTime;
        (DateTime DueBy, int Id)? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await OverduePageAsync(now, after, cancellationToken);
            if (page.Count == 0) break;
            after = (page[^1].DueBy, page[^1].OrderId);
            foreach (var order in page) await SettleOverdueAsync(order.OrderId, order.ProviderPaymentId, now, cancellationToken);
            if (page.Count < OverduePageSize) break;
        }
        // Forget orders not seen "processing" lately: they were paid, expired or settled elsewhere.
        foreach (var (orderId, recheckAt) in processingRecheckAt)
            if (recheckAt < now - ProcessingRecheck) processingRecheckAt.TryRemove(orderId, out _);
    }

    private const int OverduePageSize = 100;

    // Orders whose provider said "processing" are asked again only after a while, not on every sweep.
    private readonly ConcurrentDictionary<int, DateTime> processingRecheckAt = new();
    private static readonly TimeSpan ProcessingRecheck = TimeSpan.FromMinutes(1);

    private async Task<List<(int OrderId, DateTime DueBy, string? ProviderPaymentId)>> OverduePageAsync(
        DateTime now, (DateTime DueBy, int Id)? after, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var overdue = db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.PendingPayment && o.PaymentDueBy <= now);
        if (after is var (dueBy, id))
            overdue = overdue.Where(o => o.PaymentDueBy > dueBy || (o.PaymentDueBy == dueBy && o.Id > id));
        var rows = await overdue.OrderBy(o => o.PaymentDueBy).ThenBy(o => o.Id).Take(OverduePageSize)
            .Select(o => new { o.Id, o.PaymentDueBy, ProviderPaymentId = db.Payments.Where(p => p.OrderId == o.Id).Select(p => p.ProviderPaymentId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(o => (o.Id, o.PaymentDueBy, o.ProviderPaymentId)).ToList();
    }

    private async Task SettleOverdueAsync(int orderId, string? providerPaymentId, DateTime now, CancellationToken cancellationToken)
    {
        if (providerPaymentId is not null)
        {
            if (processingRecheckAt.TryGetValue(orderId, out var recheckAt) && recheckAt > now) return;
            var state = await gateway.GetAsync(providerPaymentId, cancellationToken);
            if (state.Status == ChargeStatus.Succeeded)
            {
                processingRecheckAt.TryRemove(orderId, out _);
                await notifications.AcceptAsync(new PaymentNotice(gateway.Name, $"reconcile:{providerPaymentId}", orderId, providerPaymentId, true), cancellationToken);
                return;
            }
            if (state.Status == ChargeStatus.Processing)
            {
                processingRecheckAt[orderId] = now + ProcessingRecheck;
                return;
            }
            processingRecheckAt.TryRemove(orderId, out _);
        }
        if (await orderPayments.ExpireAsync(orderId, cancellationToken))
            logger.LogInformation("Order {OrderId} expired unpaid", orderId);
    }
}
