using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// Deadlines, on each provider, with a clock the test moves forward: checkout holds that lapse stop counting at
/// once and are swept; unpaid orders expire and give back their stock, flash-sale units and coupon uses; money
/// that arrives after the deadline buys the items again if they are still there.
/// </summary>
public abstract class CheckoutExpiryTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);

    private TimeSpan PastHoldExpiry => _world.Options.ReservationExpiry + TimeSpan.FromSeconds(1);
    private TimeSpan PastPaymentWindow => _world.Options.PaymentWindow + TimeSpan.FromSeconds(1);

    private Task<Quote> HoldAsync(Buyer buyer, Guid holder, TestVariant item, int quantity) =>
        _world.Checkout.HoldAsync(buyer, holder, new QuoteRequest(CheckoutWorld.Lines((item, quantity)), CheckoutWorld.Address().Location, true));

    private async Task<ReservationStatus> HoldStatusAsync(Guid holder)
    {
        await using var db = _world.Db();
        return await db.StockReservations.Where(r => r.HolderId == holder).Select(r => r.Status).SingleAsync();
    }

    [Fact]
    public async Task A_lapsed_hold_stops_counting_at_once_so_another_buyer_gets_the_units_before_any_sweep()
    {
        var shop = await _world.ShopAsync("lapse");
        var item = await _world.ProductAsync(shop, 15m, stock: 3);
        var holder = Guid.NewGuid();
        var quote = await HoldAsync(CheckoutWorld.NewBuyer(), holder, item, 3);
        Assert.True(quote.CanPlaceOrder, string.Join("; ", quote.Problems));
        Assert.Equal((3, 3), await _world.StockAsync(item.VariantId));

        var late = CheckoutWorld.NewBuyer();
        var refused = await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(late, item, quantity: 3));
        Assert.Contains("sold out", refused.Message, StringComparison.OrdinalIgnoreCase);

        _world.Clock.Advance(PastHoldExpiry);
        var result = await _world.PlaceAsync(late, item, quantity: 3);

        Assert.True(result.Accepted);
        Assert.Equal(ReservationStatus.Expired, await HoldStatusAsync(holder));
        Assert.Equal((3, 3), await _world.StockAsync(item.VariantId));
        Assert.Equal(0, await _world.Checkout.RenewHoldAsync(holder)); // too late to renew
    }

    [Fact]
    public async Task A_lapsed_hold_on_a_flash_sale_gives_its_sale_units_to_the_next_buyer_at_once()
    {
        var shop = await _world.ShopAsync("lapseflash");
        var item = await _world.ProductAsync(shop, 60m, stock: 10);
        var sale = await _world.FlashSaleAsync(shop, item, 30m, cap: 2);
        var holder = Guid.NewGuid();
        var held = await HoldAsync(CheckoutWorld.NewBuyer(), holder, item, 2);
        Assert.Equal(30m, Assert.Single(held.Lines).UnitPrice);

        _world.Clock.Advance(PastHoldExpiry);
        var next = CheckoutWorld.NewBuyer();
        var result = await _world.PlaceAsync(next, item, quantity: 2);

        Assert.Equal(30m * 2 + CheckoutWorld.UsShipping, result.Total);
        Assert.Equal(2, (await _world.FlashUseAsync(sale, next.CustomerKey)).Sold); // the lapsed hold's 2 went back first
        Assert.Equal(ReservationStatus.Expired, await HoldStatusAsync(holder));
        Assert.Equal((10, 2), await _world.StockAsync(item.VariantId));
    }

    [Fact]
    public async Task A_hold_on_the_last_flash_sale_units_keeps_the_sale_price_until_the_order_is_placed()
    {
        var shop = await _world.ShopAsync("ownflash");
        var item = await _world.ProductAsync(shop, 60m, stock: 10);
        var sale = await _world.FlashSaleAsync(shop, item, 30m, cap: 2);
        var buyer = CheckoutWorld.NewBuyer();
        var holder = Guid.NewGuid();
        await HoldAsync(buyer, holder, item, 2);

        var back = await HoldAsync(buyer, holder, item, 2); // coming back to the checkout page
        Assert.True(back.CanPlaceOrder, string.Join("; ", back.Problems));
        Assert.Equal(30m, Assert.Single(back.Lines).UnitPrice);
        await using (var db = _world.Db())
            Assert.Equal(sale, await db.StockReservations.Where(r => r.HolderId == holder && r.Status == ReservationStatus.Active).Select(r => r.FlashSaleId).SingleAsync());
        var placed = await _world.PlaceAsync(buyer, item, quantity: 2, holderId: holder);

        Assert.Equal(30m * 2 + CheckoutWorld.UsShipping, placed.Total);
        Assert.Equal(2, (await _world.FlashUseAsync(sale, buyer.CustomerKey)).Sold);
        Assert.Equal((10, 2), await _world.StockAsync(item.VariantId));
    }

    [Fact]
    public async Task The_sweeper_expires_lapsed_holds_and_a_renewed_hold_survives()
    {
        var shop = await _world.ShopAsync("sweep");
        var item = await _world.ProductAsync(shop, 80m, stock: 10);
        var sale = await _world.FlashSaleAsync(shop, item, 50m, cap: 5, perCustomer: 3);
        var (leaver, stayer) = (CheckoutWorld.NewBuyer(), CheckoutWorld.NewBuyer());
        var (gone, kept) = (Guid.NewGuid(), Guid.NewGuid());
        await HoldAsync(leaver, gone, item, 3);
        await HoldAsync(stayer, kept, item, 2);
        Assert.Equal((10, 5), await _world.StockAsync(item.VariantId));
        Assert.Equal((5, 3), await _world.FlashUseAsync(sale, leaver.CustomerKey));

        var half = _world.Options.ReservationExpiry / 2 + TimeSpan.FromSeconds(1);
        _world.Clock.Advance(half);
        Assert.Equal(1, await _world.Checkout.RenewHoldAsync(kept));
        _world.Clock.Advance(half);
        await _world.Sweeper.SweepAsync();

        Assert.Equal(ReservationStatus.Expired, await HoldStatusAsync(gone));
        Assert.Equal(ReservationStatus.Active, await HoldStatusAsync(kept));
        Assert.Equal((10, 2), await _world.StockAsync(item.VariantId));
        Assert.Equal((2, 0), await _world.FlashUseAsync(sale, leaver.CustomerKey));
        Assert.Equal((2, 2), await _world.FlashUseAsync(sale, stayer.CustomerKey));

        // The stayer's order takes over the hold: same units, same sale price.
        var placed = await _world.PlaceAsync(stayer, item, quantity: 2, holderId: kept);
        Assert.Equal(50m * 2 + CheckoutWorld.UsShipping, placed.Total);
        Assert.Equal((10, 2), await _world.StockAsync(item.VariantId));
        Assert.Equal(ReservationStatus.Released, await HoldStatusAsync(kept));
    }

    [Fact]
    public async Task Leaving_checkout_gives_the_hold_back_at_once()
    {
        var shop = await _world.ShopAsync("leave");
        var item = await _world.ProductAsync(shop, 10m, stock: 4);
        var holder = Guid.NewGuid();
        await HoldAsync(CheckoutWorld.NewBuyer(), holder, item, 4);
        await _world.Checkout.ReleaseHoldAsync(holder);
        Assert.Equal((4, 0), await _world.StockAsync(item.VariantId));
        Assert.Equal(ReservationStatus.Released, await HoldStatusAsync(holder));
    }

    /// <summary>An order paid with the card whose payment is never completed, using a flash sale and a coupon.</summary>
    private async Task<(TestVariant Item, int Sale, string Code, Buyer Buyer, CheckoutResult Result)> UnpaidOrderAsync(string name, int stock)
    {
        var shop = await _world.ShopAsync(name);
        var item = await _world.ProductAsync(shop, 100m, stock);
        var sale = await _world.FlashSaleAsync(shop, item, 70m, cap: 10, perCustomer: 2);
        var code = await _world.CouponAsync(shop, CouponKind.Fixed, 10m, usageLimit: 3, perCustomer: 1);
        var buyer = CheckoutWorld.NewBuyer();
        var result = await _world.PlaceAsync(buyer, item, quantity: 2, card: CheckoutWorld.AbandonedCard, coupon: code);
        Assert.Equal((OrderStatus.PendingPayment, 70m * 2 - 10m + CheckoutWorld.UsShipping), (result.Status, result.Total));
        return (item, sale, code, buyer, result);
    }

    [Fact]
    public async Task An_unpaid_order_expires_at_its_deadline_and_gives_back_stock_sale_units_and_the_coupon_use()
    {
        var (item, sale, code, buyer, result) = await UnpaidOrderAsync("unpaid", 5);
        Assert.Equal((5, 2), await _world.StockAsync(item.VariantId));
        Assert.Equal((2, 2), await _world.FlashUseAsync(sale, buyer.CustomerKey));
        Assert.Equal((1, 1), await _world.CouponUseAsync(code, buyer.CustomerKey));

        await _world.Sweeper.SweepAsync(); // not due yet
        Assert.Equal(OrderStatus.PendingPayment, (await _world.OrderAsync(result.OrderId)).Status);

        _world.Clock.Advance(PastPaymentWindow);
        await _world.Sweeper.SweepAsync();
        await _world.Sweeper.SweepAsync(); // a second node sweeping changes nothing twice

        var order = await _world.OrderAsync(result.OrderId);
        Assert.Equal(OrderStatus.Expired, order.Status);
        Assert.All(order.ShopOrders, s => Assert.Equal(OrderStatus.Expired, s.Status));
        Assert.Single(order.History, h => h.To == OrderStatus.Expired);
        Assert.Equal((PaymentStatus.Failed, "expired"), ((await _world.PaymentAsync(result.OrderId)).Status, (await _world.PaymentAsync(result.OrderId)).FailureCode));
        Assert.Equal((5, 0), await _world.StockAsync(item.VariantId));
        Assert.Equal((0, 0), await _world.FlashUseAsync(sale, buyer.CustomerKey));
        Assert.Equal((0, 0), await _world.CouponUseAsync(code, buyer.CustomerKey));
        await using var db = _world.Db();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == EventTypes.OrderExpired && m.Payload.Contains(result.Number)));

        // The same shopper may use the coupon and the sale again.
        var again = await _world.PlaceAsync(buyer, item, quantity: 2, coupon: code);
        Assert.Equal(70m * 2 - 10m + CheckoutWorld.UsShipping, again.Total);
    }

    [Fact]
    public async Task Orders_the_provider_still_calls_processing_do_not_keep_newer_overdue_orders_from_expiring()
    {
        var shop = await _world.ShopAsync("stuck");
        var item = await _world.ProductAsync(shop, price: 10m, stock: 120);
        var stuck = new List<CheckoutResult>();
        for (var i = 0; i < 101; i++) // more than one page of the sweeper's overdue query
            stuck.Add(await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, card: AbandoningGateway.StuckCard));
        _world.Clock.Advance(TimeSpan.FromSeconds(1)); // the abandoned order is due after all the stuck ones
        var abandoned = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, card: CheckoutWorld.AbandonedCard);

        _world.Clock.Advance(PastPaymentWindow);
        await _world.Sweeper.SweepAsync();

        Assert.Equal(OrderStatus.Expired, (await _world.OrderAsync(abandoned.OrderId)).Status);
        await using var db = _world.Db();
        var stuckIds = stuck.Select(s => s.OrderId).ToList();
        Assert.Equal(101, await db.Orders.CountAsync(o => stuckIds.Contains(o.Id) && o.Status == OrderStatus.PendingPayment));
        Assert.Equal((120, 101), await _world.StockAsync(item.VariantId));
    }

    [Fact]
    public async Task Money_that_arrives_after_expiry_buys_the_items_again_when_they_are_still_there()
    {
        var (item, _, _, _, result) = await UnpaidOrderAsync("latepay", 5);
        _world.Clock.Advance(PastPaymentWindow);
        await _world.Sweeper.SweepAsync();
        Assert.Equal(OrderStatus.Expired, (await _world.OrderAsync(result.OrderId)).Status);
        var payment = await _world.PaymentAsync(result.OrderId);

        Assert.True(await _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", "evt_late_" + payment.ProviderPaymentId, result.OrderId, payment.ProviderPaymentId, true)));
        await _world.SettlePaidAsync(result.OrderId);

        var order = await _world.OrderAsync(result.OrderId);
        Assert.NotNull(order.PaidAt);
        Assert.Single(order.History, h => h.From == OrderStatus.Expired && h.To == OrderStatus.Paid);
        Assert.Equal(PaymentStatus.Succeeded, (await _world.PaymentAsync(result.OrderId)).Status);
        Assert.Equal((3, 0), await _world.StockAsync(item.VariantId));
    }

    [Fact]
    public async Task Money_that_arrives_after_expiry_and_after_the_items_sold_out_is_flagged_for_a_refund()
    {
        var (item, _, code, buyer, result) = await UnpaidOrderAsync("latesoldout", 2);
        _world.Clock.Advance(PastPaymentWindow);
        await _world.Sweeper.SweepAsync();
        var other = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, quantity: 2, card: CheckoutWorld.AbandonedCard, coupon: code);
        Assert.True(other.Accepted);
        var payment = await _world.PaymentAsync(result.OrderId);

        await _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", "evt_late_" + payment.ProviderPaymentId, result.OrderId, payment.ProviderPaymentId, true));
        await _world.SettleAsync(async db => await db.OutboxMessages.AnyAsync(m => m.Type == EventTypes.OrderCancelled && m.Payload.Contains(result.Number)),
            "the late payment is flagged for a refund");
        await _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", "evt_again_" + payment.ProviderPaymentId, result.OrderId, payment.ProviderPaymentId, true));
        await database.Dispatcher.DrainAsync();

        Assert.Equal(OrderStatus.Expired, (await _world.OrderAsync(result.OrderId)).Status);
        Assert.Equal(PaymentStatus.Succeeded, (await _world.PaymentAsync(result.OrderId)).Status); // money taken: refund due
        Assert.Equal((2, 2), await _world.StockAsync(item.VariantId)); // the other buyer's units are untouched
        Assert.Equal((1, 0), await _world.CouponUseAsync(code, buyer.CustomerKey)); // given back once (the other buyer's use stays)
        await using var db = _world.Db();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == EventTypes.OrderCancelled && m.Payload.Contains(result.Number)));
        await AssertRefundedOnceInFullAsync(result.OrderId);

        // The event delivered again (a node that lost its lease): nothing is left, nothing is refunded twice.
        await db.OutboxMessages.Where(m => m.Type == EventTypes.OrderCancelled && m.Payload.Contains(result.Number))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddYears(-1)));
        await database.Dispatcher.DrainAsync();
        Assert.Equal(OutboxStatus.Done, await db.OutboxMessages.Where(m => m.Type == EventTypes.OrderCancelled && m.Payload.Contains(result.Number)).Select(m => m.Status).SingleAsync());
        await AssertRefundedOnceInFullAsync(result.OrderId);
    }

    /// <summary>The late payment went back through the refund use case: a succeeded refund row per shop order, the
    /// payment refunded in full, the history saying so.</summary>
    private async Task AssertRefundedOnceInFullAsync(int orderId)
    {
        await using var db = _world.Db();
        var payment = await _world.PaymentAsync(orderId);
        var shopOrders = await db.ShopOrders.Where(s => s.OrderId == orderId).ToListAsync();
        var refunds = await db.Refunds.Where(r => r.OrderId == orderId).ToListAsync();
        Assert.Equal(shopOrders.Select(s => s.Id).Order(), refunds.Select(r => r.ShopOrderId).Order());
        Assert.All(refunds, r => Assert.Equal(RefundStatus.Succeeded, r.Status));
        Assert.Equal(payment.Amount, refunds.Sum(r => r.Amount));
        Assert.Equal(payment.Amount, payment.RefundedAmount);
        Assert.All(shopOrders, s => Assert.Equal(s.Total, s.RefundedAmount));
        Assert.Equal(refunds.Count, await db.OrderHistory.CountAsync(h => h.OrderId == orderId && h.Reason!.StartsWith("Refunded ")));
    }
}

public sealed class SqliteCheckoutExpiryTests(CheckoutSqliteDatabase database) : CheckoutExpiryTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresCheckoutExpiryTests(CheckoutPostgresDatabase database) : CheckoutExpiryTests<CheckoutPostgresDatabase>(database);
