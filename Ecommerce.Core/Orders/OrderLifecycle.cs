using Ecommerce.Core.Common;

namespace Ecommerce.Core.Orders;

/// <summary>
/// How an order changes state. The payment moves the order as a whole (its shop orders follow); fulfilment moves one
/// shop order at a time and the order follows its shop orders (<see cref="Derive"/>). Every move is checked by
/// <see cref="OrderTransitions"/> and writes a history row; nothing else sets a status.
/// </summary>
public partial class Order
{
    private static readonly OrderStatus[] Progress = [OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered];

    /// <summary>Failed or expired: money that arrives now is a late payment.</summary>
    public bool IsLapsed => Status is OrderStatus.PaymentFailed or OrderStatus.Expired;

    /// <summary>The first history row of a new order, which awaits its payment.</summary>
    public void Placed(string actor, DateTime at) =>
        History.Add(new() { OrderId = Id, To = OrderStatus.PendingPayment, Actor = actor, Reason = "Order placed", At = at });

    /// <summary>The provider confirmed the payment of an order awaiting it.</summary>
    public void Pay(DateTime at)
    {
        Require(OrderStatus.PendingPayment, OrderStatus.Paid);
        MoveWhole(OrderStatus.Paid, "payment", "Payment confirmed by the provider", at);
        PaidAt = at;
    }

    /// <summary>
    /// Money arrived after the order failed or expired and its stock could be taken again: the sale goes ahead.
    /// (When the stock is gone the payment is refunded instead: <see cref="RefuseLatePayment"/>.)
    /// </summary>
    public void AcceptLatePayment(DateTime at)
    {
        if (!IsLapsed) throw new ConflictException($"An order that is {OrderTransitions.Describe(Status)} takes no late payment.");
        MoveWhole(OrderStatus.Paid, "payment", "Late payment accepted; stock was still available", at);
        PaidAt = at;
    }

    /// <summary>Money arrived for an order that cannot be fulfilled any more: the status stays, the payment is refunded.</summary>
    public void RefuseLatePayment(string reason, DateTime at)
    {
        if (Status == OrderStatus.PendingPayment || Progress.Contains(Status))
            throw new ConflictException($"An order that is {OrderTransitions.Describe(Status)} has no late payment to refuse.");
        Note(null, "payment", reason, at);
    }

    public void FailPayment(string reason, DateTime at)
    {
        Require(OrderStatus.PendingPayment, OrderStatus.PaymentFailed);
        MoveWhole(OrderStatus.PaymentFailed, "payment", reason, at);
    }

    /// <summary>Not paid before its deadline.</summary>
    public void Expire(DateTime at)
    {
        Require(OrderStatus.PendingPayment, OrderStatus.Expired);
        MoveWhole(OrderStatus.Expired, "system", "Not paid in time; the items went back on sale", at);
    }

    /// <summary>Cancelled before it was paid (its items sold out before the payment arrived).</summary>
    public void CancelUnpaid(string reason, DateTime at)
    {
        Require(OrderStatus.PendingPayment, OrderStatus.Cancelled);
        MoveWhole(OrderStatus.Cancelled, "system", reason, at);
    }

    /// <summary>
    /// Moves one shop order (processing, shipped, delivered, cancelled, refunded), then the order follows its shop
    /// orders when the table lets it. Returns whether the order's own status changed.
    /// </summary>
    public bool MoveShopOrder(ShopOrder shopOrder, OrderStatus to, string actor, string? reason, DateTime at)
    {
        var from = Own(shopOrder).Status;
        shopOrder.MoveTo(to);
        History.Add(Row(shopOrder.Id, from, to, actor, reason, at));
        if (Derive(ShopOrders.Select(s => s.Status)) is not { } derived || derived == Status || !OrderTransitions.CanMove(Status, derived)) return false;
        History.Add(Row(null, Status, derived, actor, null, at));
        Status = derived;
        return true;
    }

    /// <summary>A history row that changes no status (a parcel of part of it, a partial refund, a return).</summary>
    public void Note(ShopOrder? shopOrder, string actor, string reason, DateTime at)
    {
        var status = shopOrder is null ? Status : Own(shopOrder).Status;
        History.Add(Row(shopOrder?.Id, status, status, actor, reason, at));
    }

    /// <summary>
    /// The one rule for the order as a whole: cancelled and refunded shop orders aside, it is as far as its least
    /// advanced shop order (or where they all are); with none left, refunded if any was, else cancelled. Null when the
    /// live shop orders are at different payment stages (never happens: the payment moves them together).
    /// </summary>
    public static OrderStatus? Derive(IEnumerable<OrderStatus> shopOrderStatuses)
    {
        var all = shopOrderStatuses.ToList();
        var live = all.Where(s => s is not (OrderStatus.Cancelled or OrderStatus.Refunded)).Distinct().ToList();
        if (live.Count == 0) return all.Contains(OrderStatus.Refunded) ? OrderStatus.Refunded : OrderStatus.Cancelled;
        if (live.Count == 1) return live[0];
        var steps = live.Select(s => Array.IndexOf(Progress, s)).ToList();
        return steps.Any(i => i < 0) ? null : Progress[steps.Min()];
    }

    private void MoveWhole(OrderStatus to, string actor, string reason, DateTime at)
    {
        OrderTransitions.EnsureCanMove(Status, to);
        foreach (var shopOrder in ShopOrders) shopOrder.MoveTo(to);
        History.Add(Row(null, Status, to, actor, reason, at));
        Status = to;
    }

    private void Require(OrderStatus from, OrderStatus to)
    {
        if (Status != from) throw new ConflictException($"An order that is {OrderTransitions.Describe(Status)} cannot become {OrderTransitions.Describe(to)}.");
    }

    private ShopOrder Own(ShopOrder shopOrder) => ShopOrders.Contains(shopOrder)
        ? shopOrder : throw new InvalidOperationException($"Shop order {shopOrder.Id} is not part of order {Id}.");

    private OrderHistoryEntry Row(int? shopOrderId, OrderStatus from, OrderStatus to, string actor, string? reason, DateTime at) =>
        new() { OrderId = Id, ShopOrderId = shopOrderId, From = from, To = to, Actor = actor, Reason = Clip(reason), At = at };

    private static string? Clip(string? reason) => reason is { Length: > 500 } ? reason[..500] : reason;
}

public partial class ShopOrder
{
    /// <summary>Only its order moves it (<see cref="Order.MoveShopOrder"/>), which writes the history row.</summary>
    internal void MoveTo(OrderStatus to)
    {
        OrderTransitions.EnsureCanMove(Status, to);
        Status = to;
    }
}
