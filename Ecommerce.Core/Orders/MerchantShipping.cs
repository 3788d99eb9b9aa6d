using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

/// <summary>Part of a shipment: how many units of one order line go in the parcel.</summary>
public sealed record ShipmentLineRequest(int OrderLineId, int Quantity);

/// <summary>Payload of shipment.sent: one parcel of a shop order left.</summary>
public sealed record ShipmentEvent(int OrderId, string Number, int ShopOrderId, int ShipmentId);

public sealed partial class MerchantOrders
{
    /// <summary>
    /// Ships some lines (or, with null, everything left) of a paid shop order in one parcel with its carrier and
    /// tracking number. The shop order becomes shipped when nothing is left to ship; until then each parcel is a
    /// history row of its own. Quantities are counted by a conditional update per line, so two parcels can never
    /// ship more than was bought.
    /// </summary>
    public async Task<Shipment> ShipAsync(int shopId, int shopOrderId, IReadOnlyList<ShipmentLineRequest>? lines, string carrier, string trackingNumber,
        string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        carrier = carrier?.Trim() ?? "";
        trackingNumber = trackingNumber?.Trim() ?? "";
        if (carrier.Length is 0 or > 60) errors.Add("carrier", "is required (at most 60 characters)");
        if (trackingNumber.Length is 0 or > 100) errors.Add("trackingNumber", "is required (at most 100 characters)");
        if (lines is not null && (lines.Count == 0 || lines.Any(l => l.Quantity <= 0) || lines.DistinctBy(l => l.OrderLineId).Count() != lines.Count))
            errors.Add("lines", "name each line once with a quantity of at least 1");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shopOrder = await db.ShopOrders.Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == shopOrderId && s.ShopId == shopId, cancellationToken)
            ?? throw new NotFoundException($"Shop order {shopOrderId}");
        OrderTransitions.EnsureCanMove(shopOrder.Status, OrderStatus.Shipped);
        var parcel = lines ?? shopOrder.Lines.Where(l => l.QuantityShipped < l.Quantity).Select(l => new ShipmentLineRequest(l.Id, l.Quantity - l.QuantityShipped)).ToList();
        if (parcel.Count == 0) throw new ConflictException("Everything in this order has already shipped.");
        foreach (var item in parcel.OrderBy(l => l.OrderLineId))
        {
            var line = shopOrder.Lines.FirstOrDefault(l => l.Id == item.OrderLineId) ?? throw ValidationException.For("lines", $"line {item.OrderLineId} is not in this order");
            var counted = await db.OrderLines.Where(l => l.Id == line.Id && l.QuantityShipped + item.Quantity <= l.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityShipped, l => l.QuantityShipped + item.Quantity), cancellationToken);
            if (counted == 0) throw new ConflictException($"Only {line.Quantity - line.QuantityShipped} of {line.ProductName} are left to ship.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var shipment = new Shipment
        {
            OrderId = shopOrder.OrderId, ShopOrderId = shopOrder.Id, Carrier = carrier, TrackingNumber = trackingNumber, ShippedAt = now,
            Lines = parcel.Select(l => new ShipmentLine { OrderLineId = l.OrderLineId, Quantity = l.Quantity }).ToList(),
        };
        db.Shipments.Add(shipment);
        // The latest parcel is what the list shows; changing the shop order also makes two racing parcels conflict on its version.
        (shopOrder.Carrier, shopOrder.TrackingNumber) = (carrier, trackingNumber);
        var order = await db.Orders.Include(o => o.ShopOrders).SingleAsync(o => o.Id == shopOrder.OrderId, cancellationToken);
        var shippedNow = parcel.ToDictionary(l => l.OrderLineId, l => l.Quantity);
        var complete = shopOrder.Lines.All(l => l.QuantityShipped + shippedNow.GetValueOrDefault(l.Id) >= l.Quantity);
        if (complete)
        {
            var why = $"Shipped with {carrier}, tracking {trackingNumber}";
            order.MoveShopOrder(shopOrder, OrderStatus.Shipped, actor, why, now);
            db.Enqueue(EventTypes.ShopOrderShipped, new OrderEvent(order.Id, order.Number, why, shopOrder.Id));
        }
        else
        {
            var items = string.Join(", ", parcel.Select(p => $"{p.Quantity} × {shopOrder.Lines.First(l => l.Id == p.OrderLineId).ProductName}"));
            order.Note(shopOrder, actor, $"Partly shipped with {carrier}, tracking {trackingNumber}: {items}", now);
        }
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException) { throw new ConflictException("This order changed meanwhile. Reload and try again."); }
        db.Enqueue(EventTypes.ShipmentSent, new ShipmentEvent(order.Id, order.Number, shopOrder.Id, shipment.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return shipment;
    }
}
