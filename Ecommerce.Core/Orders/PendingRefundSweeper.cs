using Ecommerce.Core.Audit;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Orders;

/// <summary>Settings of section "Refunds".</summary>
public sealed class RefundOptions
{
    public const string Section = "Refunds";
    /// <summary>How old a Pending refund must be before the sweep asks the provider again (its own call has surely ended by then).</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How often each node looks for such refunds.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Settles refunds left Pending by a process that died between reserving them and recording the provider's answer,
/// whose amounts would otherwise stay counted forever. On every node: the provider is asked again with the same
/// idempotency key (<c>refund-{id}</c>: it answers with the refund it already made, or makes it now), and the answer
/// is recorded by <see cref="Refunds"/>' one confirmation, a conditional update on the Pending status — so nodes
/// sweeping at once, or a slow original call finishing late, record each refund once.
/// </summary>
public sealed class PendingRefundSweeper(IDbContextFactory<AppDbContext> contexts, Refunds refunds, IOptions<RefundOptions> options,
    TimeProvider clock, ILogger<PendingRefundSweeper> logger, DatabaseReachability reachability) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Pending refund sweep", logger);

    private const int PageSize = 50;

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

    /// <summary>Settles the Pending refunds older than <see cref="RefundOptions.ReconcileAfter"/>; returns how many left Pending.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.ReconcileAfter;
        var settled = 0;
        var afterId = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<PendingRefund> page;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                // Keyset pages by id: a refund the provider cannot be asked about now stays Pending without blocking the rest.
                var rows = await db.Refunds.AsNoTracking().Where(r => r.Status == RefundStatus.Pending && r.CreatedAt <= cutoff && r.Id > afterId)
                    .OrderBy(r => r.Id).Take(PageSize)
                    .Select(r => new { Refund = r, ProviderPaymentId = db.Payments.Where(p => p.Id == r.PaymentId).Select(p => p.ProviderPaymentId).FirstOrDefault() })
                    .ToListAsync(cancellationToken);
                page = rows.Select(r => new PendingRefund(r.Refund, r.ProviderPaymentId!)).ToList();
            }
            if (page.Count == 0) break;
            afterId = page[^1].Refund.Id;
            foreach (var pending in page)
            {
                // The actor of the audit entry and the history is whoever asked for the refund, not the sweep.
                var refund = await refunds.SettleAsync(pending, new AuditActor(pending.Refund.ActorId, pending.Refund.ActorName), cancellationToken);
                if (refund.Status == RefundStatus.Pending) continue; // the provider could not be reached; the next sweep asks again
                settled++;
                logger.LogInformation("Pending refund {RefundId} of shop order {ShopOrderId} reconciled: {Status}", refund.Id, refund.ShopOrderId, refund.Status);
            }
            if (page.Count < PageSize) break;
        }
        return settled;
    }
}
