using Ecommerce.Core.Audit;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Shipping;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// From a placed order to a delivered one: the Sandbox confirmation turns it Paid through the outbox, the merchant
/// moves their shop order through the state machine, illegal moves are refused, cancelling restocks and refunds,
/// and each email goes out once however often its event is delivered.
/// </summary>
public abstract class FulfilmentTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    private async Task<(int ShopId, int OtherShopId, int VariantId, CheckoutResult Order)> PaidOrderAsync(int quantity = 2)
    {
        var paid = await PaidOrders.PlaceAsync(database, quantity);
        return (paid.ShopId, paid.OtherShopId, paid.VariantIds[0], paid.Order);
    }

    private async Task<int> ShopOrderIdAsync(int orderId)
    {
        await using var db = database.NewContext();
        return await db.ShopOrders.Where(s => s.OrderId == orderId).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task A_paid_order_is_shipped_and_delivered_with_a_history_row_per_move()
    {
        var (shopId, _, variantId, order) = await PaidOrderAsync();
        var orders = Get<MerchantOrders>();
        var shopOrderId = await ShopOrderIdAsync(order.OrderId);
        await using (var db = database.NewContext())
        {
            var stock = await db.StockItems.SingleAsync(s => s.VariantId == variantId);
            Assert.Equal((8, 0), (stock.OnHand, stock.Reserved));
        }

        var listed = Assert.Single((await orders.ListAsync(shopId, OrderStatus.Paid, PageRequest.Of(1, 20))).Items);
        Assert.Equal((order.Number, 2, "Ada Buyer"), (listed.Number, listed.Items, listed.Customer));

        await orders.MarkProcessingAsync(shopId, shopOrderId, "merchant@test.local");
        await orders.MarkShippedAsync(shopId, shopOrderId, "UPS", "1Z999AA10123456784", "merchant@test.local");
        await orders.MarkDeliveredAsync(shopId, shopOrderId, "merchant@test.local");

        var detail = await orders.GetAsync(shopId, shopOrderId);
        Assert.Equal((OrderStatus.Delivered, "UPS", "1Z999AA10123456784"), (detail.ShopOrder.Status, detail.ShopOrder.Carrier, detail.ShopOrder.TrackingNumber));
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Delivered],
            detail.History.Select(h => h.To));
        await using (var db = database.NewContext())
            Assert.Equal(OrderStatus.Delivered, await db.Orders.Where(o => o.Id == order.OrderId).Select(o => o.Status).SingleAsync());

        var illegal = await Assert.ThrowsAsync<ConflictException>(() => orders.MarkProcessingAsync(shopId, shopOrderId, "merchant@test.local"));
        Assert.Contains("cannot become processing", illegal.Message);
    }

    [Fact]
    public async Task Another_shop_cannot_see_or_move_the_order_and_bad_input_names_the_field()
    {
        var (shopId, otherShopId, _, order) = await PaidOrderAsync();
        var orders = Get<MerchantOrders>();
        var shopOrderId = await ShopOrderIdAsync(order.OrderId);
        await Assert.ThrowsAsync<NotFoundException>(() => orders.GetAsync(otherShopId, shopOrderId));
        await Assert.ThrowsAsync<NotFoundException>(() => orders.MarkShippedAsync(otherShopId, shopOrderId, "UPS", "1", "x"));
        Assert.Empty((await orders.ListAsync(otherShopId, null, PageRequest.Of(1, 20))).Items);
        var bad = await Assert.ThrowsAsync<ValidationException>(() => orders.MarkShippedAsync(shopId, shopOrderId, " ", "", "x"));
        Assert.Equal(["carrier", "trackingNumber"], bad.Errors.Keys.Order());
    }

    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");

    [Fact]
    public async Task Cancelling_restocks_and_refunds_the_total_once_through_a_refund_row_and_a_second_cancel_is_refused()
    {
        var (shopId, _, variantId, order) = await PaidOrderAsync(quantity: 3);
        var orders = Get<MerchantOrders>();
        var shopOrderId = await ShopOrderIdAsync(order.OrderId);
        var refund = await orders.CancelAsync(shopId, shopOrderId, "Damaged in the warehouse", Merchant);
        await Assert.ThrowsAsync<ConflictException>(() => orders.CancelAsync(shopId, shopOrderId, "again", Merchant));
        // Refunded by its cancellation: nothing more to refund.
        await Assert.ThrowsAsync<ConflictException>(() => Get<Refunds>().RefundAsync(null, shopOrderId, 1m, "Twice?", AuditActor.User("admin-id", "admin@test.local")));

        await using var db = database.NewContext();
        Assert.Equal(10, await db.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync());
        var payment = await db.Payments.SingleAsync(p => p.OrderId == order.OrderId);
        Assert.Equal(payment.Amount, payment.RefundedAmount);
        var shopOrder = await db.ShopOrders.SingleAsync(s => s.Id == shopOrderId);
        Assert.Equal((OrderStatus.Cancelled, shopOrder.Total), (shopOrder.Status, shopOrder.RefundedAmount));
        Assert.Equal(OrderStatus.Cancelled, await db.Orders.Where(o => o.Id == order.OrderId).Select(o => o.Status).SingleAsync());
        var row = Assert.Single(await db.Refunds.Where(r => r.ShopOrderId == shopOrderId).ToListAsync());
        Assert.Equal((RefundStatus.Succeeded, shopOrder.Total, "Damaged in the warehouse", "merchant@test.local"), (row.Status, row.Amount, row.Reason, row.ActorName));
        Assert.Equal(row.Id, refund!.Id);
        Assert.StartsWith("sbx_re_", row.ProviderRefundId);
        Assert.Single(await db.AuditEntries.Where(a => a.SubjectId == order.Number && a.Action == "order.refunded").ToListAsync());
        Assert.Single(await db.OutboxMessages.Where(m => m.Type == EventTypes.ShopOrderRefunded && m.Payload.Contains(order.Number)).ToListAsync());
        Assert.Contains(await db.OrderHistory.Where(h => h.ShopOrderId == shopOrderId).ToListAsync(),
            h => h.From == OrderStatus.Cancelled && h.To == OrderStatus.Cancelled && h.Reason!.StartsWith($"Refunded {shopOrder.Total:0.00} USD"));
    }

    [Fact]
    public async Task A_cancellation_whose_refund_the_provider_refuses_stays_cancelled_with_a_failed_refund_and_nothing_counted()
    {
        var (shopId, _, variantId, order) = await PaidOrderAsync(quantity: 2);
        var shopOrderId = await ShopOrderIdAsync(order.OrderId);
        await using (var db = database.NewContext())
            // The Sandbox refuses to refund a payment it did not take.
            await db.Payments.Where(p => p.OrderId == order.OrderId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderPaymentId, "sbx_never_" + Guid.NewGuid().ToString("N")));

        var refund = await Get<MerchantOrders>().CancelAsync(shopId, shopOrderId, "Out of stock after all", Merchant);
        Assert.Equal(RefundStatus.Failed, refund!.Status);

        await using (var check = database.NewContext())
        {
            Assert.Equal(10, await check.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync());
            Assert.Equal(0m, await check.Payments.Where(p => p.OrderId == order.OrderId).Select(p => p.RefundedAmount).SingleAsync());
            var shopOrder = await check.ShopOrders.SingleAsync(s => s.Id == shopOrderId);
            Assert.Equal((OrderStatus.Cancelled, 0m), (shopOrder.Status, shopOrder.RefundedAmount));
            var row = Assert.Single(await check.Refunds.Where(r => r.ShopOrderId == shopOrderId).ToListAsync());
            Assert.Equal((RefundStatus.Failed, shopOrder.Total), (row.Status, row.Amount));
            Assert.NotNull(row.FailureMessage);
            Assert.Single(await check.AuditEntries.Where(a => a.SubjectId == order.Number && a.Action == "order.refund-failed").ToListAsync());
            Assert.Empty(await check.OutboxMessages.Where(m => m.Type == EventTypes.ShopOrderRefunded && m.Payload.Contains(order.Number)).ToListAsync());
        }

        // What the admin sees is settled through the same use case once the provider takes it.
        await using (var db = database.NewContext())
            await db.Payments.Where(p => p.OrderId == order.OrderId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderPaymentId, "sbx_ok_" + Guid.NewGuid().ToString("N")));
        var settled = await Get<Refunds>().RefundAsync(null, shopOrderId, order.Total, "Refund of the cancelled order", AuditActor.User("admin-id", "admin@test.local"));
        Assert.Equal(RefundStatus.Succeeded, settled.Status);
        await using (var check = database.NewContext())
            Assert.Equal(OrderStatus.Cancelled, await check.ShopOrders.Where(s => s.Id == shopOrderId).Select(s => s.Status).SingleAsync());
    }

    [Fact]
    public async Task A_shopper_cancels_before_shipment_but_not_after()
    {
        var (shopId, _, variantId, order) = await PaidOrderAsync();
        string userId;
        await using (var db = database.NewContext())
        {
            // The order was placed as a guest; make it a signed-in user's to cancel it as them.
            userId = await db.Users.Select(u => u.Id).FirstAsync();
            await db.Orders.Where(o => o.Id == order.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId));
        }
        var cancellation = Get<ShopperCancellation>();
        await Assert.ThrowsAsync<NotFoundException>(() => cancellation.CancelAsync("someone-else", order.Number, null));
        var refund = Assert.Single(await cancellation.CancelAsync(userId, order.Number, "Ordered the wrong size"));
        Assert.Equal((RefundStatus.Succeeded, order.Total, "shopper", userId), (refund.Status, refund.Amount, refund.ActorName, refund.ActorId));
        await using (var db = database.NewContext())
        {
            Assert.Equal(OrderStatus.Cancelled, await db.Orders.Where(o => o.Id == order.OrderId).Select(o => o.Status).SingleAsync());
            Assert.Equal(10, await db.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync());
            Assert.Contains(await db.OrderHistory.Where(h => h.OrderId == order.OrderId).Select(h => h.Reason).ToListAsync(), r => r != null && r.Contains("wrong size"));
        }

        var (shopId2, _, _, shipped) = await PaidOrderAsync();
        await using (var db = database.NewContext())
            await db.Orders.Where(o => o.Id == shipped.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId));
        await Get<MerchantOrders>().MarkShippedAsync(shopId2, await ShopOrderIdAsync(shipped.OrderId), "UPS", "1Z", "merchant");
        var refused = await Assert.ThrowsAsync<ConflictException>(() => cancellation.CancelAsync(userId, shipped.Number, null));
        Assert.Contains("shipped", refused.Message);
    }

    [Fact]
    public async Task The_sales_dashboard_counts_paid_orders_views_conversion_and_low_stock()
    {
        var (shopId, _, variantId, order) = await PaidOrderAsync(quantity: 6);
        int productId;
        await using (var db = database.NewContext())
            productId = await db.ProductVariants.Where(v => v.Id == variantId).Select(v => v.ProductId).SingleAsync();
        var views = Get<Ecommerce.Core.Analytics.ProductViews>();
        for (var i = 0; i < 4; i++) views.Record(productId);
        await views.FlushAsync();
        views.Record(productId);
        await views.FlushAsync();

        var summary = await Get<Ecommerce.Core.Analytics.SalesDashboard>().ForShopAsync(shopId, 7);
        Assert.Equal(7, summary.Days.Count);
        Assert.Equal((1, order.Total), (summary.Orders, summary.Revenue));
        Assert.Equal(order.Total, summary.Days[^1].Revenue);
        var top = Assert.Single(summary.TopProducts);
        Assert.Equal((productId, 6, 180m), (top.ProductId, top.Units, top.Revenue));
        Assert.Equal(4, Assert.Single(summary.LowStock).Available);
        Assert.Equal((5, 20.0), (summary.Views, summary.ConversionPercent));
    }

    [Fact]
    public async Task Emails_go_out_once_per_event_and_recipient_even_when_the_event_is_redelivered()
    {
        var (shopId, _, _, order) = await PaidOrderAsync();
        var shopOrderId = await ShopOrderIdAsync(order.OrderId);
        await Get<MerchantOrders>().MarkShippedAsync(shopId, shopOrderId, "DHL", "JD0123", "merchant@test.local");
        await database.Dispatcher.DrainAsync();

        await using (var db = database.NewContext())
        {
            // Deliver every order event of this order a second time.
            await db.OutboxMessages.Where(m => m.Type.StartsWith("order.") || m.Type.StartsWith("shop-order.") || m.Type.StartsWith("shipment."))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }
        await database.Dispatcher.DrainAsync();

        await using var check = database.NewContext();
        var sent = await check.SentEmails.Where(e => e.Key.Contains($":{order.OrderId}:")).Select(e => e.Key).ToListAsync();
        Assert.Contains($"order.paid:{order.OrderId}:shopper", sent);
        var shipmentId = await check.Shipments.Where(s => s.ShopOrderId == shopOrderId).Select(s => s.Id).SingleAsync();
        Assert.Contains($"shipment.sent:{order.OrderId}:{shipmentId}:shopper", sent);
        Assert.Single(sent, k => k.StartsWith($"order.paid:{order.OrderId}:shop:"));
        var mails = Directory.GetFiles(Path.Combine(database.Settings.DataFolder, "mail"), "*.eml")
            .Select(File.ReadAllText).Count(t => t.Contains(order.Number) && t.Contains("on their way"));
        Assert.Equal(1, mails);
    }
}

public sealed class SqliteFulfilmentTests(SqliteTestDatabase database) : FulfilmentTests<SqliteTestDatabase>(database);

public sealed class PostgresFulfilmentTests(PostgresTestDatabase database) : FulfilmentTests<PostgresTestDatabase>(database);
