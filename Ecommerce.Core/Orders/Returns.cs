using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

public sealed record ReturnLineRequest(int OrderLineId, int Quantity);

/// <summary>Payload of return.requested and return.decided.</summary>
public sealed record ReturnEvent(int OrderId, string Number, int ShopOrderId, int ReturnRequestId);

/// <summary>
/// Returns: a shopper asks to send back delivered units of a shop order (with a reason); the merchant approves —
/// the units' share of what was paid is refunded through <see cref="Refunds"/>, optionally restocked — or refuses
/// with a note. Returned units are counted on the order line by a conditional update when requested (and given
/// back when refused), so requests can never add up to more than was delivered.
/// </summary>
public sealed class Returns(IDbContextFactory<AppDbContext> contexts, Refunds refunds, TimeProvider clock)
{
    /// <summary>
    /// A return named by its lines only (the store API and the order page): the lines must all belong to one shop
    /// order of the caller's order. Someone else's order is "not found".
    /// </summary>
    public async Task<ReturnRequest> RequestAsync(string userId, string number, IReadOnlyList<ReturnLineRequest> lines, string reason,
        CancellationToken cancellationToken = default)
    {
        number = (number ?? "").Trim().ToUpperInvariant();
        var lineIds = (lines ?? []).Select(l => l.OrderLineId).ToList();
        List<int> shopOrderIds;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Orders.AnyAsync(o => o.Number == number && o.UserId == userId, cancellationToken)) throw new NotFoundException($"Order {number}");
            shopOrderIds = await db.OrderLines.Where(l => lineIds.Contains(l.Id))
                .Join(db.ShopOrders.Where(s => s.Order!.Number == number), l => l.ShopOrderId, s => s.Id, (l, s) => s.Id)
                .Distinct().ToListAsync(cancellationToken);
        }
        if (shopOrderIds.Count > 1) throw ValidationException.For("lines", "return one shop's items at a time");
        if (shopOrderIds.Count == 0 && lineIds.Count > 0) throw ValidationException.For("lines", "name lines of this order");
        return await RequestAsync(userId, number, shopOrderIds.FirstOrDefault(), lines ?? [], reason, cancellationToken);
    }

    public async Task<ReturnRequest> RequestAsync(string userId, string number, int shopOrderId, IReadOnlyList<ReturnLineRequest> lines, string reason,
        CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (reason.Length is 0 or > 500) errors.Add("reason", "is required (at most 500 characters)");
        if (lines is null || lines.Count == 0 || lines.Any(l => l.Quantity <= 0) || lines.DistinctBy(l => l.OrderLineId).Count() != lines.Count)
            errors.Add("lines", "name each line to return once with a quantity of at least 1");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        number = (number ?? "").Trim().ToUpperInvariant();
        var shopOrder = await db.ShopOrders.Include(s => s.Lines).Include(s => s.Order)
            .FirstOrDefaultAsync(s => s.Id == shopOrderId && s.Order!.Number == number && s.Order.UserId == userId, cancellationToken)
            ?? throw new NotFoundException($"Order {number}");
        if (shopOrder.Status != OrderStatus.Delivered)
            throw new ConflictException("Only delivered items can be returned.");
        foreach (var item in lines!.OrderBy(l => l.OrderLineId))
        {
            var line = shopOrder.Lines.FirstOrDefault(l => l.Id == item.OrderLineId) ?? throw ValidationException.For("lines", $"line {item.OrderLineId} is not in this order");
            var counted = await db.OrderLines.Where(l => l.Id == line.Id && l.QuantityReturned + item.Quantity <= l.QuantityShipped)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityReturned, l => l.QuantityReturned + item.Quantity), cancellationToken);
            if (counted == 0) throw new ConflictException($"At most {line.QuantityShipped - line.QuantityReturned} of {line.ProductName} can still be returned.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var request = new ReturnRequest
        {
            OrderId = shopOrder.OrderId, ShopOrderId = shopOrder.Id, Status = ReturnStatus.Requested, Reason = reason, RequestedAt = now,
            Lines = lines!.Select(l => new ReturnLine { OrderLineId = l.OrderLineId, Quantity = l.Quantity }).ToList(),
        };
        db.ReturnRequests.Add(request);
        shopOrder.Order!.Note(shopOrder, "shopper", $"Return requested: {Items(shopOrder, request)} — {reason}", now);
        await db.SaveChangesAsync(cancellationToken);
        db.Enqueue(EventTypes.ReturnRequested, new ReturnEvent(shopOrder.OrderId, number, shopOrder.Id, request.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    /// <summary>
    /// Approves a return of the merchant's shop (null: an admin): refunds the returned units' share of what was paid
    /// (their price less the shop order's discount, plus their tax; shipping is not refunded) and optionally puts them
    /// back on sale. The decision (with the restock wish) is claimed first by a conditional update, so a double click
    /// refunds once; if the refund is not made, the request is open again. Once the refund is confirmed,
    /// <see cref="CompleteAsync"/> links it and restocks in one transaction — here, and again from the refund's
    /// shop-order.refunded event (<see cref="ReturnRefundedHandler"/>) if this process stops in between.
    /// </summary>
    public async Task<Refund> ApproveAsync(int? shopId, int returnId, bool restock, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        decimal amount;
        int shopOrderId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var request = await FindAsync(db, shopId, returnId, cancellationToken);
            var claimed = await db.ReturnRequests.Where(r => r.Id == returnId && r.Status == ReturnStatus.Requested)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Approved).SetProperty(r => r.DecidedAt, now)
                    .SetProperty(r => r.DecidedBy, actor.Name).SetProperty(r => r.Restocked, restock), cancellationToken);
            if (claimed == 0) throw new ConflictException("This return has already been decided.");
            var shopOrder = await db.ShopOrders.AsNoTracking().Include(s => s.Lines).SingleAsync(s => s.Id == request.ShopOrderId, cancellationToken);
            var paidShare = shopOrder.Subtotal == 0 ? 0 : (shopOrder.Total - shopOrder.Shipping) / shopOrder.Subtotal;
            amount = decimal.Round(request.Lines.Sum(l => shopOrder.Lines.First(x => x.Id == l.OrderLineId) is var line ? line.LineTotal / line.Quantity * l.Quantity : 0) * paidShare, 2);
            amount = Math.Min(amount, shopOrder.Total - shopOrder.RefundedAmount);
            shopOrderId = shopOrder.Id;
        }

        Refund refund;
        try { refund = await refunds.RefundAsync(shopId, shopOrderId, amount, $"Return #{returnId} approved", actor, returnId, cancellationToken); }
        catch
        {
            await ReopenUnlessRefundingAsync(returnId);
            throw;
        }
        // A refund still Pending (the provider did not answer in time) completes the return from its confirmation
        // (ReturnRefundedHandler), or reopens it if the provider finally refuses (Refunds.ConfirmAsync).
        if (refund.Status == RefundStatus.Succeeded) await CompleteAsync(returnId, refund.Id, actor, CancellationToken.None);
        return refund;
    }

    /// <summary>
    /// The refund of an approved return went through: links it to the return and restocks the units if that was
    /// asked, with the history row, the audit entry and return.decided, all in one transaction. Claimed by a
    /// conditional update on the link, so calling it again (the event redelivered) changes nothing.
    /// </summary>
    public async Task CompleteAsync(int returnId, int refundId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var linked = await db.ReturnRequests.Where(r => r.Id == returnId && r.Status == ReturnStatus.Approved && r.RefundId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RefundId, refundId), cancellationToken);
        if (linked == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.ReturnRequests.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == returnId, cancellationToken);
        // Tracked: the order writes the history row through its own method.
        var shopOrder = await db.ShopOrders.Include(s => s.Lines).Include(s => s.Order).SingleAsync(s => s.Id == request.ShopOrderId, cancellationToken);
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken);
        if (request.Restocked)
            await db.RestockAsync(request.Lines.Join(shopOrder.Lines, r => r.OrderLineId, l => l.Id, (r, l) => new RestockLine(l.ProductId, l.VariantId, r.Quantity)),
                $"Return #{returnId} approved", now, cancellationToken);
        shopOrder.Order!.Note(shopOrder, actor.Name, $"Return approved: {Items(shopOrder, request)}{(request.Restocked ? ", back in stock" : "")}", now);
        db.Record(actor, "return.approved", "order", shopOrder.Order!.Number, shopId: shopOrder.ShopId, reason: request.Reason,
            after: new { returnId, refund = refund.Id, refund.Amount, restock = request.Restocked });
        db.Enqueue(EventTypes.ReturnDecided, new ReturnEvent(shopOrder.OrderId, shopOrder.Order.Number, shopOrder.Id, returnId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// After a failed refund: the return is open again, unless a refund for it is still pending or went through (the
    /// provider may have refunded before recording its answer failed) — then it stays approved, and the refund's
    /// confirmation completes it, so the units are never refunded twice.
    /// </summary>
    private async Task ReopenUnlessRefundingAsync(int returnId)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await ReopenUnlessRefundingAsync(db, returnId, CancellationToken.None);
    }

    /// <summary>The same, on the caller's context and transaction (a refund recorded as refused reopens its return).</summary>
    internal static Task<int> ReopenUnlessRefundingAsync(AppDbContext db, int returnId, CancellationToken cancellationToken)
    {
        var refunding = db.Refunds.Where(r => r.ReturnRequestId == returnId && r.Status != RefundStatus.Failed);
        return db.ReturnRequests.Where(r => r.Id == returnId && r.Status == ReturnStatus.Approved && r.RefundId == null && !refunding.Any())
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Requested).SetProperty(r => r.DecidedAt, (DateTime?)null)
                .SetProperty(r => r.DecidedBy, (string?)null).SetProperty(r => r.Restocked, false), cancellationToken);
    }

    /// <summary>Refuses a return with a note the shopper reads; its units can be asked for again.</summary>
    public async Task RefuseAsync(int? shopId, int returnId, string note, AuditActor actor, CancellationToken cancellationToken = default)
    {
        note = note?.Trim() ?? "";
        if (note.Length is 0 or > 500) throw ValidationException.For("note", "is required (at most 500 characters)");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await FindAsync(db, shopId, returnId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.ReturnRequests.Where(r => r.Id == returnId && r.Status == ReturnStatus.Requested)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Refused).SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecidedBy, actor.Name).SetProperty(r => r.DecisionNote, note), cancellationToken);
        if (claimed == 0) throw new ConflictException("This return has already been decided.");
        foreach (var item in request.Lines.OrderBy(l => l.OrderLineId))
            await db.OrderLines.Where(l => l.Id == item.OrderLineId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityReturned, l => l.QuantityReturned - item.Quantity), cancellationToken);
        // Tracked: the order writes the history row through its own method.
        var shopOrder = await db.ShopOrders.Include(s => s.Lines).Include(s => s.Order).SingleAsync(s => s.Id == request.ShopOrderId, cancellationToken);
        shopOrder.Order!.Note(shopOrder, actor.Name, $"Return refused: {note}", now);
        db.Record(actor, "return.refused", "order", shopOrder.Order!.Number, shopId: shopOrder.ShopId, reason: note, after: new { returnId });
        db.Enqueue(EventTypes.ReturnDecided, new ReturnEvent(shopOrder.OrderId, shopOrder.Order.Number, shopOrder.Id, returnId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The return requests of an order, oldest first (the caller has checked whose order it is).</summary>
    public async Task<IReadOnlyList<ReturnRequest>> ListAsync(int orderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReturnRequests.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == orderId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    private static async Task<ReturnRequest> FindAsync(AppDbContext db, int? shopId, int returnId, CancellationToken cancellationToken)
    {
        var shopOrderIds = db.ShopOrders.Where(s => shopId == null || s.ShopId == shopId).Select(s => s.Id);
        return await db.ReturnRequests.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == returnId && shopOrderIds.Contains(r.ShopOrderId), cancellationToken)
            ?? throw new NotFoundException($"Return {returnId}");
    }


    private static string Items(ShopOrder shopOrder, ReturnRequest request) =>
        string.Join(", ", request.Lines.Select(l => $"{l.Quantity} × {shopOrder.Lines.First(x => x.Id == l.OrderLineId).ProductName}"));
}
