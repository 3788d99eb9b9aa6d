using Ecommerce.Core.Checkout;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// What the payment's outcome does, on each provider: a refused card gives everything back and leaves the cart as it
/// was; a confirmation, however often and from however many nodes it arrives, pays the order once.
/// </summary>
public abstract class PaymentOutcomeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);

    [Theory]
    [InlineData(CheckoutWorld.DeclinedCard, "Your card was declined.")]
    [InlineData(CheckoutWorld.NoFundsCard, "Your card has insufficient funds.")]
    public async Task A_refused_card_fails_the_order_gives_everything_back_and_keeps_the_cart(string card, string problem)
    {
        var shop = await _world.ShopAsync("refused");
        var item = await _world.ProductAsync(shop, 40m, 6);
        var sale = await _world.FlashSaleAsync(shop, item, 30m, cap: 4, perCustomer: 2);
        var code = await _world.CouponAsync(shop, CouponKind.Percentage, 10m, usageLimit: 1, perCustomer: 1);
        var buyer = CheckoutWorld.NewBuyer();
        await _world.Carts.AddAsync(buyer.Shopper!.Value, item.VariantId, 2);
        var key = Guid.NewGuid().ToString();
        var request = CheckoutWorld.Request(await _world.Carts.LinesAsync(buyer.Shopper.Value), card, code, key);

        var result = await _world.Checkout.PlaceOrderAsync(buyer, request);

        Assert.Equal((OrderStatus.PaymentFailed, problem, false), (result.Status, result.PaymentProblem, result.Accepted));
        var order = await _world.OrderAsync(result.OrderId);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Single(order.History, h => h.From == OrderStatus.PendingPayment && h.To == OrderStatus.PaymentFailed);
        Assert.Equal(PaymentStatus.Failed, (await _world.PaymentAsync(result.OrderId)).Status);
        Assert.Equal((6, 0), await _world.StockAsync(item.VariantId));
        Assert.Equal((0, 0), await _world.FlashUseAsync(sale, buyer.CustomerKey));
        Assert.Equal((0, 0), await _world.CouponUseAsync(code, buyer.CustomerKey));
        Assert.Equal([new LineRequest(item.VariantId, 2)], await _world.Carts.LinesAsync(buyer.Shopper.Value));

        // Sending the same checkout again answers the same failure; a new attempt with a good card goes through.
        var repeat = await _world.Checkout.PlaceOrderAsync(buyer, request);
        Assert.Equal((result.OrderId, false, problem), (repeat.OrderId, repeat.Created, repeat.PaymentProblem));
        var retry = await _world.Checkout.PlaceOrderAsync(buyer, request with { IdempotencyKey = Guid.NewGuid().ToString(), Payment = new PaymentMethodDetails(CheckoutWorld.GoodCard) });
        Assert.True(retry.Accepted);
        Assert.Equal(30m * 2 - 6m + CheckoutWorld.UsShipping, retry.Total);
        Assert.Empty(await _world.Carts.LinesAsync(buyer.Shopper.Value));
        await _world.SettlePaidAsync(retry.OrderId);
        Assert.Equal((4, 0), await _world.StockAsync(item.VariantId));
    }

    /// <summary>An order whose payment waits for the provider's word (nothing confirms it by itself).</summary>
    private async Task<(TestVariant Item, CheckoutResult Result, string PaymentId)> AwaitingOrderAsync(string name)
    {
        var shop = await _world.ShopAsync(name);
        var item = await _world.ProductAsync(shop, 25m, 5);
        var result = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, 3, card: CheckoutWorld.AbandonedCard);
        Assert.Equal(OrderStatus.PendingPayment, result.Status);
        return (item, result, (await _world.PaymentAsync(result.OrderId)).ProviderPaymentId!);
    }

    private async Task AssertPaidOnceAsync(TestVariant item, CheckoutResult result)
    {
        var order = await _world.OrderAsync(result.OrderId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Single(order.History, h => h.To == OrderStatus.Paid);
        Assert.Equal((2, 0), await _world.StockAsync(item.VariantId)); // 5 on hand, 3 sold once
        await using var db = _world.Db();
        Assert.Equal(3, await db.Products.Where(p => p.Id == item.ProductId).Select(p => p.SalesCount).SingleAsync());
        Assert.Equal(3, await db.StockReservations.Where(r => r.OrderId == result.OrderId && r.Status == ReservationStatus.Committed).SumAsync(r => r.Quantity));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == EventTypes.OrderPaid && m.Payload.Contains(result.Number)));
    }

    [Fact]
    public async Task A_notice_delivered_twice_is_accepted_once_and_pays_the_order_once()
    {
        var (item, result, paymentId) = await AwaitingOrderAsync("twice");
        var notice = new PaymentNotice("sandbox", "evt_" + paymentId, result.OrderId, paymentId, true);

        Assert.True(await _world.Notifications.AcceptAsync(notice));
        Assert.False(await _world.Notifications.AcceptAsync(notice));
        await _world.SettlePaidAsync(result.OrderId);
        Assert.False(await _world.Notifications.AcceptAsync(notice)); // and again after it was applied

        await AssertPaidOnceAsync(item, result);
        await using var db = _world.Db();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == EventTypes.PaymentSucceeded && m.Payload.Contains(paymentId)));
    }

    [Fact]
    public async Task Different_notices_of_one_success_handled_by_two_nodes_at_once_pay_the_order_once()
    {
        var (item, result, paymentId) = await AwaitingOrderAsync("nodes");
        // The webhook, its retry under a new event id, and the sweeper's reconciliation all say the same thing.
        var accepted = await Task.WhenAll(new[] { "evt_", "evt_retry_", "reconcile:", "evt_" }
            .Select(prefix => Task.Run(() => _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", prefix + paymentId, result.OrderId, paymentId, true)))));
        Assert.Equal(3, accepted.Count(a => a));

        var otherNode = ActivatorUtilities.CreateInstance<OutboxDispatcher>(database.Services);
        await Task.WhenAll(database.Dispatcher.DrainAsync(), otherNode.DrainAsync());
        // A failure notice that comes after the success changes nothing either.
        await _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", "evt_fail_" + paymentId, result.OrderId, paymentId, false, "card_declined", "Declined"));
        await database.Dispatcher.DrainAsync();

        await AssertPaidOnceAsync(item, result);
        Assert.Equal(PaymentStatus.Succeeded, (await _world.PaymentAsync(result.OrderId)).Status);
        await using var db = _world.Db();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Type.StartsWith("payment.") && m.Payload.Contains(paymentId) && m.Status != OutboxStatus.Done));
    }

    [Fact]
    public async Task A_failure_notice_fails_the_order_and_a_success_that_follows_it_still_buys_the_items()
    {
        var (item, result, paymentId) = await AwaitingOrderAsync("failnotice");
        await _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", "evt_" + paymentId, result.OrderId, paymentId, false, "authentication_failed", "The bank refused the authentication."));
        await _world.SettleAsync(async db => await db.Orders.AnyAsync(o => o.Id == result.OrderId && o.Status == OrderStatus.PaymentFailed), "the order failed");
        Assert.Equal((5, 0), await _world.StockAsync(item.VariantId));
        Assert.Equal("The bank refused the authentication.", (await _world.PaymentAsync(result.OrderId)).FailureMessage);

        // The shopper tried again at the provider and it went through: money that arrives is never ignored.
        Assert.True(await _world.Notifications.AcceptAsync(new PaymentNotice("sandbox", "evt_ok_" + paymentId, result.OrderId, paymentId, true)));
        await _world.SettlePaidAsync(result.OrderId);

        await AssertPaidOnceAsync(item, result);
        Assert.Single((await _world.OrderAsync(result.OrderId)).History, h => h.From == OrderStatus.PaymentFailed && h.To == OrderStatus.Paid);
    }
}

public sealed class SqlitePaymentOutcomeTests(CheckoutSqliteDatabase database) : PaymentOutcomeTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresPaymentOutcomeTests(CheckoutPostgresDatabase database) : PaymentOutcomeTests<CheckoutPostgresDatabase>(database);
