using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

public sealed record ShopOrderRow(int Id, string Number, DateTime PlacedAt, string Customer, OrderStatus Status, int Items, decimal Total, string Currency,
    string ShippingMethod, string? Carrier, string? TrackingNumber);

public sealed record ShopOrderDetail(ShopOrder ShopOrder, string Number, string Email, Checkout.PostalAddress ShipTo, DateTime PlacedAt, string Currency,
    IReadOnlyList<OrderHistoryEntry> History, IReadOnlyList<Shipment> Shipments, IReadOnlyList<Refund> Refunds, IReadOnlyList<ReturnRequest> Returns);

/// <summary>
/// A merchant fulfilling their shop orders: list and filter, mark processing, shipped (carrier and tracking
/// number), delivered, or cancel with a reason (restock and refund of that shop's part). Every method takes the
/// shop the merchant acts for; another shop's order is "not found". Each move is checked by the state machine,
/// writes a history row and an event, and the parent order follows its shop orders.
/// </summary>
public sealed partial class MerchantOrders(IDbContextFactory<AppDbContext> contexts, Refunds refunds, TimeProvider clock)
{
    public async Task<PagedResult<ShopOrderRow>> ListAsync(int shopId, OrderStatus? status, PageRequest paging, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ShopOrders.AsNoTracking().Where(s => s.ShopId == shopId && s.Status != OrderStatus.PendingPayment
            && s.Status != OrderStatus.PaymentFailed && s.Status != OrderStatus.Expired);
        if (status is { } wanted) query = query.Where(s => s.Status == wanted);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(s => s.Order!.PlacedAt).ThenByDescending(s => s.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(s => new { s.Id, s.Order!.Number, s.Order.PlacedAt, s.Order.ShipTo, s.Status, Items = s.Lines.Sum(l => l.Quantity), s.Total,
                s.Order.Currency, s.ShippingMethod, s.Carrier, s.TrackingNumber })
            .ToListAsync(cancellationToken);
        return new PagedResult<ShopOrderRow>(rows.Select(r => new ShopOrderRow(r.Id, r.Number, r.PlacedAt, r.ShipTo.Name, r.Status, r.Items, r.Total,
            r.Currency, r.ShippingMethod, r.Carrier, r.TrackingNumber)).ToList(), total, paging.Page, paging.PageSize);
    }

    /// <summary>The shop's orders (optionally of one status) as CSV, newest first, streamed page by page.</summary>
    public async Task ExportCsvAsync(int shopId, OrderStatus? status, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        // The ship-to name is shopper-typed: a cell starting with = + - @ would run as a formula in a spreadsheet.
        var config = new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape };
        await using var csv = new CsvHelper.CsvWriter(writer, config);
        csv.WriteHeader<ShopOrderRow>();
        await csv.NextRecordAsync();
        for (var page = 1; ; page++)
        {
            var rows = await ListAsync(shopId, status, new PageRequest(page, PageRequest.MaxPageSize), cancellationToken);
            await csv.WriteRecordsAsync(rows.Items, cancellationToken);
            if (!rows.HasNext) break;
        }
    }

    public async Task<ShopOrderDetail> GetAsync(int shopId, int shopOrderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shopOrder = await db.ShopOrders.AsNoTracking().Include(s => s.Lines).Include(s => s.Order)
            .FirstOrDefaultAsync(s => s.Id == shopOrderId && s.ShopId == shopId, cancellationToken) ?? throw new NotFoundException($"Shop order {shopOrderId}");
        var history = await db.OrderHistory.AsNoTracking().Where(h => h.OrderId == shopOrder.OrderId && (h.ShopOrderId == null || h.ShopOrderId == shopOrderId))
            .OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(cancellationToken);
        var shipments = await db.Shipments.AsNoTracking().Include(s => s.Lines).Where(s => s.ShopOrderId == shopOrderId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.ShopOrderId == shopOrderId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var returns = await db.ReturnRequests.AsNoTracking().Include(r => r.Lines).Where(r => r.ShopOrderId == shopOrderId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var order = shopOrder.Order!;
        return new ShopOrderDetail(shopOrder, order.Number, order.Email, order.ShipTo, order.PlacedAt, order.Currency, history, shipments, refunds, returns);
    }

    public Task MarkProcessingAsync(int shopId, int shopOrderId, string actor, CancellationToken cancellationToken = default) =>
        MoveAsync(shopId, shopOrderId, OrderStatus.Processing, actor, "Being prepared", EventTypes.ShopOrderProcessing, cancellationToken);

    /// <summary>Ships everything not shipped yet in one parcel (see <see cref="ShipAsync"/> for part of it).</summary>
    public Task MarkShippedAsync(int shopId, int shopOrderId, string carrier, string trackingNumber, string actor, CancellationToken cancellationToken = default) =>
        ShipAsync(shopId, shopOrderId, null, carrier, trackingNumber, actor, cancellationToken);

    public Task MarkDeliveredAsync(int shopId, int shopOrderId, string actor, CancellationToken cancellationToken = default) =>
        MoveAsync(shopId, shopOrderId, OrderStatus.Delivered, actor, "Delivered", EventTypes.ShopOrderDelivered, cancellationToken);

    /// <summary>
    /// Cancels a shop order that has not shipped and refunds what is left of its total through <see cref="Refunds"/>:
    /// the stock goes back on sale, the shop order becomes cancelled and the refund is reserved (counted on the shop
    /// order and the payment, a Pending refund row) in one transaction; the provider is asked after the commit. The
    /// refund comes back Succeeded, Failed (refused: its amount is given back and the shop order stays cancelled,
    /// for an admin to settle), or Pending (the provider could not be reached: the sweeper asks again); null when
    /// nothing was left to refund. A shop order with a parcel sent is not cancelled (a return is the way back).
    /// </summary>
    public async Task<Refund?> CancelAsync(int shopId, int shopOrderId, string reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500) throw ValidationException.For("reason", "is required (at most 500 characters)");
        PendingRefund? pending = null;
        await MoveAsync(shopId, shopOrderId, OrderStatus.Cancelled, actor.Name, reason, EventTypes.ShopOrderCancelled, cancellationToken, async (db, shopOrder) =>
        {
            // A parcel already sent means the order is on its way: a return is the way back then, not a cancellation.
            if (shopOrder.Lines.Any(l => l.QuantityShipped > 0))
                throw new ConflictException("Part of this order has already shipped, so it can no longer be cancelled; the shopper can request a return.");
            await db.RestockAsync(shopOrder.Lines.Select(l => new RestockLine(l.ProductId, l.VariantId, l.Quantity)),
                $"Shop order {shopOrder.Id} cancelled", clock.GetUtcNow().UtcDateTime, cancellationToken);
            var left = shopOrder.Total - shopOrder.RefundedAmount;
            if (left > 0) pending = await refunds.ReserveInAsync(db, shopOrder.OrderId, shopOrder.Id, left, reason, actor, null, cancellationToken);
        });
        // After the commit, never inside the transaction.
        return pending is null ? null : await refunds.SettleAsync(pending, actor, CancellationToken.None);
    }

    private async Task MoveAsync(int shopId, int shopOrderId, OrderStatus to, string actor, string reason, string eventType,
        CancellationToken cancellationToken, Func<AppDbContext, ShopOrder, Task>? sideEffects = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shopOrder = await db.ShopOrders.Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == shopOrderId && s.ShopId == shopId, cancellationToken)
            ?? throw new NotFoundException($"Shop order {shopOrderId}");
        var order = await db.Orders.Include(o => o.ShopOrders).SingleAsync(o => o.Id == shopOrder.OrderId, cancellationToken);
        order.MoveShopOrder(shopOrder, to, actor, reason, clock.GetUtcNow().UtcDateTime);
        if (sideEffects is not null) await sideEffects(db, shopOrder);
        db.Enqueue(eventType, new OrderEvent(order.Id, order.Number, reason, shopOrder.Id));
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException) { throw new ConflictException("This order changed meanwhile. Reload and try again."); }
        await transaction.CommitAsync(cancellationToken);
    }
}
