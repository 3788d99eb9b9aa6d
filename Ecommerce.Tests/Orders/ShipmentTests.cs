using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>Parcels of part of a shop order: each in the history and the shopper's view, shipped once everything has left.</summary>
public abstract class ShipmentTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private MerchantOrders Orders => database.Services.GetRequiredService<MerchantOrders>();

    [Fact]
    public async Task Partial_shipments_reach_shipped_when_everything_has_left_and_never_ship_more_than_bought()
    {
        var paid = await PaidOrders.PlaceAsync(database, 3, 1);
        var (lamps, other) = (paid.LineIds[0], paid.LineIds[1]);
        await Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, [new(lamps, 2)], "UPS", "1Z-A", "merchant@test.local");
        Assert.Equal(OrderStatus.Paid, (await Orders.GetAsync(paid.ShopId, paid.ShopOrderId)).ShopOrder.Status);

        var tooMany = await Assert.ThrowsAsync<ConflictException>(() => Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, [new(lamps, 2)], "UPS", "1Z-B", "m"));
        Assert.Contains("Only 1", tooMany.Message);
        await Assert.ThrowsAsync<ValidationException>(() => Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, [new(lamps, 0)], "UPS", "1Z-B", "m"));
        await Assert.ThrowsAsync<NotFoundException>(() => Orders.ShipAsync(paid.OtherShopId, paid.ShopOrderId, [new(lamps, 1)], "UPS", "1Z-B", "m"));

        await Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, null, "DHL", "JD-2", "merchant@test.local"); // the rest
        var detail = await Orders.GetAsync(paid.ShopId, paid.ShopOrderId);
        Assert.Equal((OrderStatus.Shipped, "DHL", "JD-2"), (detail.ShopOrder.Status, detail.ShopOrder.Carrier, detail.ShopOrder.TrackingNumber));
        Assert.Equal(2, detail.Shipments.Count);
        Assert.Equal([(lamps, 1), (other, 1)], detail.Shipments[1].Lines.OrderBy(l => l.OrderLineId).Select(l => (l.OrderLineId, l.Quantity)));
        Assert.Contains(detail.History, h => h.To == OrderStatus.Paid && h.Reason == "Partly shipped with UPS, tracking 1Z-A: 2 × Trail lamp 1");
        Assert.Contains(detail.History, h => h.To == OrderStatus.Shipped && h.Reason == "Shipped with DHL, tracking JD-2");
        await Assert.ThrowsAsync<ConflictException>(() => Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, null, "DHL", "JD-3", "m"));

        await using var db = database.NewContext();
        Assert.Equal(OrderStatus.Shipped, await db.Orders.Where(o => o.Id == paid.Order.OrderId).Select(o => o.Status).SingleAsync());
        var view = await database.Services.GetRequiredService<ShopperOrders>().DetailAsync(paid.Order.Number, null, paid.Guest);
        Assert.Equal(["1Z-A", "JD-2"], view.ShopOrders[0].Shipments!.Select(s => s.TrackingNumber));
    }

    [Fact]
    public async Task A_shop_order_with_a_parcel_sent_cannot_be_cancelled_and_nothing_moves()
    {
        var paid = await PaidOrders.PlaceAsync(database, 3, 1);
        await Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, [new(paid.LineIds[0], 1)], "UPS", "1Z-P", "m");
        await using var before = database.NewContext();
        var onHand = await before.StockItems.SumAsync(s => s.OnHand);

        var merchant = await Assert.ThrowsAsync<ConflictException>(() =>
            Orders.CancelAsync(paid.ShopId, paid.ShopOrderId, "Changed my mind", Ecommerce.Core.Audit.AuditActor.System));
        Assert.Contains("already shipped", merchant.Message);

        await using var db = database.NewContext();
        Assert.Equal(OrderStatus.Paid, await db.ShopOrders.Where(s => s.Id == paid.ShopOrderId).Select(s => s.Status).SingleAsync());
        Assert.Equal(onHand, await db.StockItems.SumAsync(s => s.OnHand));
        Assert.False(await db.Refunds.AnyAsync(r => r.ShopOrderId == paid.ShopOrderId));
    }

    [Fact]
    public async Task Each_parcel_is_mailed_once_even_when_its_event_is_redelivered()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2);
        var first = await Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, [new(paid.LineIds[0], 1)], "UPS", "P-1", "m");
        var second = await Orders.ShipAsync(paid.ShopId, paid.ShopOrderId, null, "UPS", "P-2", "m");
        await database.Dispatcher.DrainAsync();
        await using (var db = database.NewContext())
            await db.OutboxMessages.Where(m => m.Type == EventTypes.ShipmentSent || m.Type == EventTypes.ShopOrderShipped)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        await database.Dispatcher.DrainAsync();

        await using var check = database.NewContext();
        var keys = await check.SentEmails.Where(e => e.Key.StartsWith($"shipment.sent:{paid.Order.OrderId}:")).Select(e => e.Key).ToListAsync();
        Assert.Equal([$"shipment.sent:{paid.Order.OrderId}:{first.Id}:shopper", $"shipment.sent:{paid.Order.OrderId}:{second.Id}:shopper"], keys.Order());
    }
}

public sealed class SqliteShipmentTests(SqliteTestDatabase database) : ShipmentTests<SqliteTestDatabase>(database);

public sealed class PostgresShipmentTests(PostgresTestDatabase database) : ShipmentTests<PostgresTestDatabase>(database);
