using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Orders;

/// <summary>A refund whose amount is counted and whose row is written, before the provider is asked.</summary>
internal sealed record PendingRefund(Refund Refund, string ProviderPaymentId);

/// <summary>Payload of shop-order.refunded.</summary>
public sealed record RefundEvent(int OrderId, string Number, int ShopOrderId, int RefundId, decimal Amount, string Currency, string Reason);

/// <summary>
/// Refunding a shop order wholly or partly through the payment provider — the one use case behind the merchant's
/// refund, the admin's refund and an approved return. The sum of refunds never exceeds the shop order's total nor
/// the payment: both are counted first by conditional updates, so two refunds racing cannot pass either limit.
/// </summary>
public sealed class Refunds(IDbContextFactory<AppDbContext> contexts, IPaymentGateway gateway, TimeProvider clock, ILogger<Refunds> logger)
{
    // Cancelled too, for a cancellation whose refund the provider refused (see ReserveAsync).
    private static readonly OrderStatus[] Refundable =
        [OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Cancelled];

    /// <summary>
    /// Refunds <paramref name="amount"/> of a shop order. <paramref name="shopId"/> is the merchant's shop (another
    /// shop's order is "not found"); null for an admin, who may refund any shop order.
    /// </summary>
    public async Task<Refund> RefundAsync(int? shopId, int shopOrderId, decimal amount, string reason, AuditActor actor,
        int? returnRequestId = null, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (amount <= 0) errors.Add("amount", "must be greater than 0");
        else if (decimal.Round(amount, 2) != amount) errors.Add("amount", "has at most 2 decimals");
        if (reason.Length is 0 or > 500) errors.Add("reason", "is required (at most 500 characters)");
        errors.ThrowIfAny();

        // Reserve-then-confirm: the amount is counted (and a Pending refund written) before the provider is called,
        // outside any transaction; a refusal gives the amount back. So a refund in flight already counts against
        // the limits, and a failed one leaves nothing refunded.
        var pending = await ReserveAsync(shopId, shopOrderId, amount, reason, actor, returnRequestId, cancellationToken);
        // Once reserved, the provider is asked whatever happens to the caller (a closed browser must not leave the
        // outcome unknown); if it cannot be reached the refund stays Pending for the sweeper, under the same key.
        var refund = await SettleAsync(pending, actor, CancellationToken.None);
        if (refund.Status == RefundStatus.Failed) throw new ConflictException($"The refund was not made: {refund.FailureMessage} Nothing was refunded.");
        return refund;
    }

    private async Task<PendingRefund> ReserveAsync(int? shopId, int shopOrderId, decimal amount, string reason,
        AuditActor actor, int? returnRequestId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shopOrder = await db.ShopOrders.AsNoTracking().Where(s => s.Id == shopOrderId && (shopId == null || s.ShopId == shopId))
            .Select(s => new { s.Id, s.OrderId, s.Status })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"Shop order {shopOrderId}");
        if (!Refundable.Contains(shopOrder.Status))
            throw new ConflictException($"A shop order that is {OrderTransitions.Describe(shopOrder.Status)} cannot be refunded.");
        // Cancelling refunds by itself; only a cancellation whose refund failed is refunded again (older cancellations
        // counted their refund on the payment alone, so their shop order's count cannot be trusted).
        if (shopOrder.Status == OrderStatus.Cancelled && !await db.Refunds.AnyAsync(r => r.ShopOrderId == shopOrderId && r.Status == RefundStatus.Failed, cancellationToken))
            throw new ConflictException("A cancelled shop order was refunded when it was cancelled.");
        var pending = await ReserveInAsync(db, shopOrder.OrderId, shopOrderId, amount, reason, actor, returnRequestId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// Refunds all that is left of every shop order of an order whose payment arrived after its items were gone
    /// (<see cref="RefundDueHandler"/>): a Pending refund per shop order, reserved in one transaction, then each
    /// settled like any refund. A second delivery of the event finds nothing left and does nothing; a refusal gave its
    /// amount back, so asking again refunds it then. Returns the refunds as recorded.
    /// </summary>
    internal async Task<IReadOnlyList<Refund>> RefundUnfillableOrderAsync(int orderId, string reason, CancellationToken cancellationToken)
    {
        var pending = new List<PendingRefund>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var left = await db.ShopOrders.AsNoTracking().Where(s => s.OrderId == orderId && s.RefundedAmount < s.Total)
                .OrderBy(s => s.Id).Select(s => new { s.Id, Left = s.Total - s.RefundedAmount }).ToListAsync(cancellationToken);
            foreach (var shopOrder in left)
                pending.Add(await ReserveInAsync(db, orderId, shopOrder.Id, shopOrder.Left, reason, AuditActor.System, null, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var settled = new List<Refund>();
        foreach (var refund in pending) settled.Add(await SettleAsync(refund, AuditActor.System, CancellationToken.None));
        return settled;
    }

    /// <summary>
    /// Counts <paramref name="amount"/> on the shop order (<c>refunded_amount + @a &lt;= total</c>) and on its payment
    /// (<c>&lt;= amount</c>) and adds a Pending refund to <paramref name="db"/>, inside the caller's transaction (a
    /// cancellation reserves its refund in the same transaction as the cancel). Throws, leaving the caller to roll
    /// back, when either limit would be passed. The caller saves and commits, then calls <see cref="SettleAsync"/>.
    /// </summary>
    internal async Task<PendingRefund> ReserveInAsync(AppDbContext db, int orderId, int shopOrderId, decimal amount, string reason,
        AuditActor actor, int? returnRequestId, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Succeeded)
            .Select(p => new { p.Id, p.ProviderPaymentId, p.Currency }).FirstOrDefaultAsync(cancellationToken);
        if (payment?.ProviderPaymentId is null) throw new ConflictException("This order has no payment to refund.");
        var left = await db.ShopOrders.Where(s => s.Id == shopOrderId).Select(s => s.Total - s.RefundedAmount).SingleAsync(cancellationToken);

        var countedOnShopOrder = await db.ShopOrders.Where(s => s.Id == shopOrderId && s.RefundedAmount + amount <= s.Total)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefundedAmount, x => x.RefundedAmount + amount), cancellationToken);
        var countedOnPayment = countedOnShopOrder == 0 ? 0 : await db.Payments.Where(p => p.Id == payment.Id && p.RefundedAmount + amount <= p.Amount)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount + amount), cancellationToken);
        if (countedOnPayment == 0)
            throw new ConflictException($"Refunds cannot exceed what was paid: at most {Math.Max(left, 0):0.00} {payment.Currency} is left to refund on this shop order.");
        var refund = new Refund
        {
            OrderId = orderId, ShopOrderId = shopOrderId, PaymentId = payment.Id, Amount = amount, Currency = payment.Currency,
            Reason = reason, ActorId = actor.UserId, ActorName = actor.Name, Status = RefundStatus.Pending, ReturnRequestId = returnRequestId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Refunds.Add(refund);
        return new PendingRefund(refund, payment.ProviderPaymentId);
    }

    /// <summary>
    /// Asks the provider for a reserved refund (idempotency key <c>refund-{id}</c>, so asking again — a retry, the
    /// <see cref="PendingRefundSweeper"/> — is answered with the same refund) and records its answer. Returns the
    /// refund as recorded: Succeeded, Failed with its amount given back (the provider said no), or still Pending when
    /// the provider could not be reached or timed out. That outcome is unknown — the provider may have made the refund
    /// — so the amount stays reserved and <see cref="PendingRefundSweeper"/> asks again with the same key; treating it
    /// as a refusal would let the next attempt, under a new key, refund twice.
    /// </summary>
    internal async Task<Refund> SettleAsync(PendingRefund pending, AuditActor actor, CancellationToken cancellationToken)
    {
        var refund = pending.Refund;
        RefundResult result;
        try
        {
            result = await gateway.RefundAsync(pending.ProviderPaymentId, refund.Amount, refund.Currency, $"refund-{refund.Id}", cancellationToken);
        }
        catch (Exception e) when (e is PaymentProviderException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(e, "Refund {RefundId} of shop order {ShopOrderId}: the provider call failed", refund.Id, refund.ShopOrderId);
            return refund;
        }
        // Not cancellable from here on: the provider has answered, so its answer must be recorded. A concurrent move
        // of the same shop order (a version conflict) is retried.
        for (var attempt = 1; ; attempt++)
        {
            try { return await ConfirmAsync(refund.Id, result, actor, CancellationToken.None); }
            catch (DbUpdateConcurrencyException) when (attempt < 5) { }
        }
    }

    /// <summary>
    /// The provider's answer, recorded once: the refund leaves Pending by a conditional update, so a second answer
    /// for the same refund (another node's sweep, a late original call) finds it settled and changes nothing.
    /// A success is recorded in the history (a whole refund moves the shop order, and the order once all of it is
    /// refunded; a cancelled shop order stays cancelled) with an email and an audit entry; a refusal gives the
    /// counted amount back.
    /// </summary>
    private async Task<Refund> ConfirmAsync(int refundId, RefundResult result, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = result.Succeeded ? RefundStatus.Succeeded : RefundStatus.Failed;
        var claimed = await db.Refunds.Where(r => r.Id == refundId && r.Status == RefundStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, outcome).SetProperty(r => r.CompletedAt, now), cancellationToken);
        var refund = await db.Refunds.SingleAsync(r => r.Id == refundId, cancellationToken);
        if (claimed == 0) return refund; // already settled elsewhere
        var order = await db.Orders.Include(o => o.ShopOrders).SingleAsync(o => o.Id == refund.OrderId, cancellationToken);
        var shopOrder = order.ShopOrders.Single(s => s.Id == refund.ShopOrderId);
        if (!result.Succeeded)
        {
            refund.FailureMessage = Truncate(result.Message ?? "Refused by the payment provider", 300);
            await db.ShopOrders.Where(s => s.Id == refund.ShopOrderId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefundedAmount, x => x.RefundedAmount - refund.Amount), cancellationToken);
            await db.Payments.Where(p => p.Id == refund.PaymentId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount - refund.Amount), cancellationToken);
            db.Record(actor, "order.refund-failed", "order", order.Number, shopId: shopOrder.ShopId, reason: refund.Reason,
                after: new { refund.Id, refund.ShopOrderId, refund.Amount, refund.Currency, refund.FailureMessage });
            // A return waiting on this refund (it was Pending when approved) can be decided again.
            if (refund.ReturnRequestId is { } returnId) await Returns.ReopenUnlessRefundingAsync(db, returnId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return refund;
        }

        refund.ProviderRefundId = result.ProviderRefundId;
        var refundedNow = await db.ShopOrders.Where(s => s.Id == shopOrder.Id).Select(s => s.RefundedAmount).SingleAsync(cancellationToken);
        var what = $"{refund.Amount:0.00} {refund.Currency}: {refund.Reason}";
        // A whole refund moves the shop order (and the order follows); a cancelled one stays cancelled, and a partial
        // refund leaves the status where fulfilment has it: the history says what was given back.
        if (refundedNow >= shopOrder.Total && OrderTransitions.CanMove(shopOrder.Status, OrderStatus.Refunded))
            order.MoveShopOrder(shopOrder, OrderStatus.Refunded, actor.Name, "Refunded " + what, now);
        else
            order.Note(shopOrder, actor.Name, (refundedNow >= shopOrder.Total ? "Refunded " : "Partly refunded ") + what, now);
        db.Record(actor, "order.refunded", "order", order.Number, shopId: shopOrder.ShopId, reason: refund.Reason,
            before: new { refunded = refundedNow - refund.Amount }, after: new { refund.Id, refund.ShopOrderId, refund.Amount, refund.Currency, refunded = refundedNow, refund.ProviderRefundId });
        db.Enqueue(EventTypes.ShopOrderRefunded, new RefundEvent(order.Id, order.Number, shopOrder.Id, refund.Id, refund.Amount, refund.Currency, refund.Reason));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return refund;
    }

    /// <summary>The refunds of an order (or one shop order), oldest first.</summary>
    public async Task<IReadOnlyList<Refund>> ListAsync(int orderId, int? shopOrderId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Refunds.AsNoTracking().Where(r => r.OrderId == orderId && (shopOrderId == null || r.ShopOrderId == shopOrderId))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
