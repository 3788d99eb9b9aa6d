using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

/// <summary>An order in a shopper's list: enough to recognise it and see where it stands.</summary>
public sealed record OrderSummary(
    int Id, string Number, OrderStatus Status, DateTime PlacedAt, decimal Total, string Currency, int ItemCount, IReadOnlyList<string> Shops);

public sealed record OrderLineView(
    int ProductId, int VariantId, string ProductName, string VariantTitle, string Sku, decimal ListPrice, decimal UnitPrice, int Quantity, decimal LineTotal,
    int Id = 0, int QuantityShipped = 0, int QuantityReturned = 0);

/// <summary>One parcel: carrier, tracking number and what is in it.</summary>
public sealed record ShipmentView(int Id, string Carrier, string TrackingNumber, DateTime ShippedAt, IReadOnlyList<(string ProductName, int Quantity)> Items);

/// <summary>A refund of a shop order that went through.</summary>
public sealed record RefundView(decimal Amount, string Reason, DateTime At);

public sealed record ShopOrderView(
    int Id, int ShopId, string ShopName, OrderStatus Status, decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total,
    string? CouponCode, string ShippingMethod, int DeliveryMinDays, int DeliveryMaxDays, string? Carrier, string? TrackingNumber,
    IReadOnlyList<OrderLineView> Lines, IReadOnlyList<ShipmentView>? Shipments = null, IReadOnlyList<RefundView>? Refunds = null, decimal RefundedAmount = 0);

/// <summary>One step of the tracking timeline. <see cref="Actor"/> is shopper, guest, payment, system or staff (never a person's email).</summary>
public sealed record OrderStep(DateTime At, OrderStatus? From, OrderStatus To, string Actor, string? Reason, int? ShopOrderId);

public sealed record OrderDetail(
    int Id, string Number, OrderStatus Status, string Email, DateTime PlacedAt, DateTime PaymentDueBy, DateTime? PaidAt, string Currency,
    decimal Subtotal, decimal Discount, decimal Shipping, decimal Tax, decimal Total, PostalAddress ShipTo,
    IReadOnlyList<ShopOrderView> ShopOrders, IReadOnlyList<OrderStep> History);

/// <summary>
/// The shopper's side of orders, read only: their list (a page at a time) and one order with its shop orders,
/// lines and timeline. Ownership is part of every query: someone else's order is "not found", like a missing one.
/// </summary>
public sealed class ShopperOrders(IDbContextFactory<AppDbContext> contexts)
{
    private static readonly HashSet<string> PublicActors = ["shopper", "guest", "payment", "system"];

    /// <summary>A signed-in user's orders, newest first (uses the (user_id, placed_at) index).</summary>
    public async Task<PagedResult<OrderSummary>> ListAsync(string userId, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var paging = PageRequest.Of(page, pageSize, defaultSize: 20);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Orders.AsNoTracking().Where(o => o.UserId == userId);
        var total = await mine.CountAsync(cancellationToken);
        // One query for the page (item counts as a correlated sum), one for the shop names of its orders.
        var rows = await mine.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(o => new
            {
                o.Id, o.Number, o.Status, o.PlacedAt, o.Total, o.Currency,
                Items = o.ShopOrders.SelectMany(s => s.Lines).Sum(l => (int?)l.Quantity) ?? 0,
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var shops = (await db.ShopOrders.AsNoTracking().Where(s => ids.Contains(s.OrderId)).OrderBy(s => s.Id)
                .Select(s => new { s.OrderId, s.ShopName }).ToListAsync(cancellationToken))
            .ToLookup(s => s.OrderId, s => s.ShopName);
        return new PagedResult<OrderSummary>(
            rows.Select(r => new OrderSummary(r.Id, r.Number, r.Status, r.PlacedAt, r.Total, r.Currency, r.Items, shops[r.Id].ToList())).ToList(),
            total, paging.Page, paging.PageSize);
    }

    /// <summary>
    /// One order by its number, if it is the caller's: a signed-in user's own order, or a guest's order placed with
    /// the same guest cart token (the token is the guest's proof). Anything else is <see cref="NotFoundException"/>.
    /// </summary>
    public async Task<OrderDetail> DetailAsync(string number, string? userId, ShopperKey? guest, CancellationToken cancellationToken = default)
    {
        number = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var orders = db.Orders.AsNoTracking().Where(o => o.Number == number);
        orders = userId is not null ? orders.Where(o => o.UserId == userId)
            : guest is { IsGuest: true } key ? orders.Where(o => o.UserId == null && o.ShopperKey == key.Value)
            : orders.Where(_ => false);
        // A fixed number of queries however many shops, lines and steps the order has.
        var order = await orders.Include(o => o.ShopOrders.OrderBy(s => s.Id)).ThenInclude(s => s.Lines.OrderBy(l => l.Id))
            .Include(o => o.History.OrderBy(h => h.At).ThenBy(h => h.Id))
            .AsSplitQuery().FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Order {number}");
        var shipments = (await db.Shipments.AsNoTracking().Include(s => s.Lines).Where(s => s.OrderId == order.Id).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .ToLookup(s => s.ShopOrderId);
        var refunds = (await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id && r.Status == RefundStatus.Succeeded).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .ToLookup(r => r.ShopOrderId);
        var lineNames = order.ShopOrders.SelectMany(s => s.Lines).ToDictionary(l => l.Id, l => l.ProductName);

        return new OrderDetail(order.Id, order.Number, order.Status, order.Email, order.PlacedAt, order.PaymentDueBy, order.PaidAt, order.Currency,
            order.Subtotal, order.Discount, order.Shipping, order.Tax, order.Total, order.ShipTo,
            order.ShopOrders.Select(s => new ShopOrderView(s.Id, s.ShopId, s.ShopName, s.Status, s.Subtotal, s.Discount, s.Shipping, s.Tax, s.Total,
                s.CouponCode, s.ShippingMethod, s.DeliveryMinDays, s.DeliveryMaxDays, s.Carrier, s.TrackingNumber,
                s.Lines.Select(l => new OrderLineView(l.ProductId, l.VariantId, l.ProductName, l.VariantTitle, l.Sku, l.ListPrice, l.UnitPrice, l.Quantity, l.LineTotal,
                    l.Id, l.QuantityShipped, l.QuantityReturned)).ToList(),
                shipments[s.Id].Select(p => new ShipmentView(p.Id, p.Carrier, p.TrackingNumber, p.ShippedAt, p.Lines.Select(l => (lineNames[l.OrderLineId], l.Quantity)).ToList())).ToList(),
                refunds[s.Id].Select(r => new RefundView(r.Amount, r.Reason, r.CompletedAt ?? r.CreatedAt)).ToList(), s.RefundedAmount)).ToList(),
            order.History.Select(h => new OrderStep(h.At, h.From, h.To, PublicActors.Contains(h.Actor) ? h.Actor : "staff", h.Reason, h.ShopOrderId)).ToList());
    }
}
