using Ecommerce.Core.Common;
using Ecommerce.Core.Orders;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// The order state machine without a database: every pair of statuses is either a legal move of a shop order
/// (which writes one history row and the order follows) or refused (nothing changes); the named payment moves
/// accept only the states they name; the order's status follows its shop orders by one rule.
/// </summary>
public sealed class OrderStateTests
{
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly OrderStatus[] All = Enum.GetValues<OrderStatus>();

    // Written out here on purpose, not read from OrderTransitions: a change to the table must change this test too.
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Expected = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.PaymentFailed, OrderStatus.Expired, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.PaymentFailed] = [OrderStatus.Paid],
        [OrderStatus.Expired] = [OrderStatus.Paid],
        [OrderStatus.Refunded] = [],
    };

    public static TheoryData<OrderStatus, OrderStatus> Pairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in All) foreach (var to in All) data.Add(from, to);
        return data;
    }

    [Fact]
    public void Every_status_has_a_row_in_the_table() => Assert.Equal(All.Order(), Expected.Keys.Order());

    [Theory, MemberData(nameof(Pairs))]
    public void A_shop_order_moves_exactly_where_the_table_allows_and_a_refused_move_changes_nothing(OrderStatus from, OrderStatus to)
    {
        var (order, shopOrder) = OrderAt(from);
        var rows = order.History.Count;
        var allowed = Expected[from].Contains(to);
        Assert.Equal(allowed, OrderTransitions.CanMove(from, to));

        if (allowed)
        {
            order.MoveShopOrder(shopOrder, to, "tester", "why", At);
            Assert.Equal(to, shopOrder.Status);
            Assert.Equal(to, order.Status); // one shop order: the order is where it is
            var row = order.History[rows];
            Assert.Equal(((int?)shopOrder.Id, (OrderStatus?)from, to, "tester", (string?)"why"), (row.ShopOrderId, row.From, row.To, row.Actor, row.Reason));
        }
        else
        {
            var refused = Assert.Throws<ConflictException>(() => order.MoveShopOrder(shopOrder, to, "tester", "why", At));
            Assert.Contains(OrderTransitions.Describe(to), refused.Message);
            Assert.Equal((from, from, rows), (shopOrder.Status, order.Status, order.History.Count));
        }
    }

    [Theory, MemberData(nameof(Statuses))]
    public void Only_an_order_awaiting_payment_is_paid_failed_expired_or_cancelled_unpaid(OrderStatus from)
    {
        Action<Order>[] moves = [o => o.Pay(At), o => o.FailPayment("declined", At), o => o.Expire(At), o => o.CancelUnpaid("sold out", At)];
        OrderStatus[] targets = [OrderStatus.Paid, OrderStatus.PaymentFailed, OrderStatus.Expired, OrderStatus.Cancelled];
        for (var i = 0; i < moves.Length; i++)
        {
            var (order, shopOrder) = OrderAt(from);
            if (from == OrderStatus.PendingPayment)
            {
                moves[i](order);
                Assert.Equal((targets[i], targets[i]), (order.Status, shopOrder.Status));
                Assert.Equal(((int?)null, (OrderStatus?)OrderStatus.PendingPayment, targets[i]), (order.History[^1].ShopOrderId, order.History[^1].From, order.History[^1].To));
                Assert.Equal(targets[i] == OrderStatus.Paid ? At : (DateTime?)null, order.PaidAt);
            }
            else
            {
                var rows = order.History.Count;
                Assert.Throws<ConflictException>(() => moves[i](order));
                Assert.Equal((from, from, rows), (order.Status, shopOrder.Status, order.History.Count));
            }
        }
    }

    [Theory, MemberData(nameof(Statuses))]
    public void A_late_payment_is_accepted_only_after_a_failure_or_an_expiry_and_refused_only_when_the_order_is_not_going_ahead(OrderStatus from)
    {
        var (order, shopOrder) = OrderAt(from);
        var lapsed = from is OrderStatus.PaymentFailed or OrderStatus.Expired;
        if (lapsed)
        {
            order.AcceptLatePayment(At);
            Assert.Equal((OrderStatus.Paid, OrderStatus.Paid, At), (order.Status, shopOrder.Status, order.PaidAt));
            Assert.Equal(((OrderStatus?)from, OrderStatus.Paid), (order.History[^1].From, order.History[^1].To));
        }
        else Assert.Throws<ConflictException>(() => order.AcceptLatePayment(At));

        (order, shopOrder) = OrderAt(from);
        var rows = order.History.Count;
        if (from is OrderStatus.PaymentFailed or OrderStatus.Expired or OrderStatus.Cancelled or OrderStatus.Refunded)
        {
            order.RefuseLatePayment("sold out; refund due", At);
            Assert.Equal(((OrderStatus?)from, from, "payment"), (order.History[^1].From, order.History[^1].To, order.History[^1].Actor));
            Assert.Equal(rows + 1, order.History.Count);
        }
        else Assert.Throws<ConflictException>(() => order.RefuseLatePayment("no", At));
        Assert.Equal(from, order.Status);
    }

    [Fact]
    public void The_order_follows_its_least_advanced_live_shop_order()
    {
        var order = NewOrder(3);
        order.Pay(At);
        var (a, b, c) = (order.ShopOrders[0], order.ShopOrders[1], order.ShopOrders[2]);
        Assert.False(order.MoveShopOrder(a, OrderStatus.Shipped, "m", null, At));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.False(order.MoveShopOrder(b, OrderStatus.Processing, "m", null, At));
        Assert.True(order.MoveShopOrder(c, OrderStatus.Cancelled, "m", null, At)); // cancelled ones aside: b is the least advanced
        Assert.Equal(OrderStatus.Processing, order.Status);
        Assert.True(order.MoveShopOrder(b, OrderStatus.Shipped, "m", null, At));
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Equal(((int?)null, (OrderStatus?)OrderStatus.Processing, OrderStatus.Shipped), (order.History[^1].ShopOrderId, order.History[^1].From, order.History[^1].To));
        order.MoveShopOrder(a, OrderStatus.Refunded, "m", null, At);
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.True(order.MoveShopOrder(b, OrderStatus.Delivered, "m", null, At));
        Assert.Equal(OrderStatus.Delivered, order.Status);
        order.MoveShopOrder(b, OrderStatus.Refunded, "m", null, At);
        Assert.Equal(OrderStatus.Refunded, order.Status); // none live, one refunded
    }

    [Fact]
    public void Derive_states_the_rule()
    {
        Assert.Equal(OrderStatus.Cancelled, Order.Derive([OrderStatus.Cancelled, OrderStatus.Cancelled]));
        Assert.Equal(OrderStatus.Refunded, Order.Derive([OrderStatus.Cancelled, OrderStatus.Refunded]));
        Assert.Equal(OrderStatus.Expired, Order.Derive([OrderStatus.Expired, OrderStatus.Expired]));
        Assert.Equal(OrderStatus.Processing, Order.Derive([OrderStatus.Delivered, OrderStatus.Processing, OrderStatus.Refunded]));
        Assert.Null(Order.Derive([OrderStatus.PendingPayment, OrderStatus.Paid]));
    }

    [Fact]
    public void A_shop_order_of_another_order_is_not_moved()
    {
        var (order, _) = OrderAt(OrderStatus.Paid);
        var (_, stranger) = OrderAt(OrderStatus.Paid);
        Assert.Throws<InvalidOperationException>(() => order.MoveShopOrder(stranger, OrderStatus.Processing, "m", null, At));
        Assert.Equal(OrderStatus.Paid, stranger.Status);
    }

    [Fact]
    public void Placing_and_notes_write_history_rows_and_change_no_status()
    {
        var order = NewOrder(1);
        order.Placed("guest", At);
        Assert.Equal(((int?)null, (OrderStatus?)null, OrderStatus.PendingPayment, "guest", (string?)"Order placed"),
            (order.History[0].ShopOrderId, order.History[0].From, order.History[0].To, order.History[0].Actor, order.History[0].Reason));

        var (delivered, shopOrder) = OrderAt(OrderStatus.Delivered);
        var rows = delivered.History.Count;
        delivered.Note(shopOrder, "shopper", "Return requested: " + new string('x', 600), At);
        var note = delivered.History[rows];
        Assert.Equal(((int?)shopOrder.Id, (OrderStatus?)OrderStatus.Delivered, OrderStatus.Delivered, 500),
            (note.ShopOrderId, note.From, note.To, note.Reason!.Length));
        Assert.Equal((OrderStatus.Delivered, OrderStatus.Delivered), (delivered.Status, shopOrder.Status));
    }

    public static TheoryData<OrderStatus> Statuses() => new(All);

    /// <summary>A one-shop order brought to <paramref name="status"/> by legal moves only.</summary>
    private static (Order, ShopOrder) OrderAt(OrderStatus status)
    {
        var order = NewOrder(1);
        var shopOrder = order.ShopOrders[0];
        void Move(OrderStatus to) => order.MoveShopOrder(shopOrder, to, "setup", null, At);
        switch (status)
        {
            case OrderStatus.PendingPayment: break;
            case OrderStatus.PaymentFailed: order.FailPayment("declined", At); break;
            case OrderStatus.Expired: order.Expire(At); break;
            default:
                order.Pay(At);
                if (status is OrderStatus.Delivered) Move(OrderStatus.Shipped);
                if (status is not OrderStatus.Paid) Move(status);
                break;
        }
        Assert.Equal((status, status), (order.Status, shopOrder.Status));
        return (order, shopOrder);
    }

    private static Order NewOrder(int shops) => new()
    {
        Id = 7, Number = "EC-TEST", Email = "a@test.local", CustomerKey = "email:a@test.local", IdempotencyKey = Guid.NewGuid().ToString(),
        ShopOrders = Enumerable.Range(1, shops).Select(i => new ShopOrder { Id = i * 10, OrderId = 7, ShopId = i, ShopName = $"Shop {i}", ShippingMethod = "Standard" }).ToList(),
    };
}
