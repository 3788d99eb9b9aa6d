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
    PaymentNotifications notifications, WriteGate writeGate, IOptions<CheckoutOptions> options, TimeProvider clock, ILogger<CheckoutSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await SweepAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { logger.LogError(e, "Checkout sweep failed; trying again shortly"); }
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

        List<(int OrderId, string? ProviderPaymentId)> overdue;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            overdue = (await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.PendingPayment && o.PaymentDueBy <= now)
                .OrderBy(o => o.PaymentDueBy).Take(100)
                .Select(o => new { o.Id, ProviderPaymentId = db.Payments.Where(p => p.OrderId == o.Id).Select(p => p.ProviderPaymentId).FirstOrDefault() })
                .ToListAsync(cancellationToken)).Select(o => (o.Id, o.ProviderPaymentId)).ToList();
        }
        foreach (var (orderId, providerPaymentId) in overdue)
        {
            if (providerPaymentId is not null)
            {
                var state = await gateway.GetAsync(providerPaymentId, cancellationToken);
                if (state.Status == ChargeStatus.Succeeded)
                {
                    await notifications.AcceptAsync(new PaymentNotice(gateway.Name, $"reconcile:{providerPaymentId}", orderId, providerPaymentId, true), cancellationToken);
                    continue;
                }
                if (state.Status == ChargeStatus.Processing) continue;
            }
            if (await orderPayments.ExpireAsync(orderId, cancellationToken))
                logger.LogInformation("Order {OrderId} expired unpaid", orderId);
        }
    }
}
