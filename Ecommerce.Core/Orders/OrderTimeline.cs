using Ecommerce.Core.Data;

namespace Ecommerce.Core.Orders;

/// <summary>The one way an order changes state: checked against the state machine, with a history row.</summary>
public static class OrderTimeline
{
    public static void Move(this AppDbContext db, Order order, OrderStatus to, string actor, string? reason, DateTime at, bool shopOrdersToo = true)
    {
        OrderTransitions.EnsureCanMove(order.Status, to);
        db.OrderHistory.Add(new OrderHistoryEntry { OrderId = order.Id, From = order.Status, To = to, Actor = actor, Reason = reason, At = at });
        order.Status = to;
        if (!shopOrdersToo) return;
        foreach (var shopOrder in order.ShopOrders.Where(s => OrderTransitions.CanMove(s.Status, to))) shopOrder.Status = to;
    }
}
