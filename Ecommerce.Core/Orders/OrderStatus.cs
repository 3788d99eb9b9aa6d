namespace Ecommerce.Core.Orders;

/// <summary>
/// Where an order (and each of its shop orders) stands. The legal moves are in <see cref="OrderTransitions"/>.
/// A partial refund leaves the status where fulfilment has it; ShopOrder.RefundedAmount says how much.
/// </summary>
public enum OrderStatus
{
    PendingPayment = 0,
    Paid = 1,
    Processing = 2,
    Shipped = 3,
    Delivered = 4,
    Cancelled = 5,
    PaymentFailed = 6,
    Expired = 7,
    Refunded = 8,
}

/// <summary>
/// The order state machine, for an order and for each shop order; anything not listed is an illegal transition.
/// Only <see cref="Order"/> and <see cref="ShopOrder"/> move a status, through their methods, which check this table.
/// </summary>
public static class OrderTransitions
{
    /// <summary>
    /// Statuses of an order or shop order whose goods count as sold (sales figures, bestsellers, "bought together"):
    /// paid and not cancelled or refunded. The one definition.
    /// </summary>
    public static readonly IReadOnlyList<OrderStatus> CountsAsSold = [OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered];

    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.PaymentFailed, OrderStatus.Expired, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Refunded],
        // A cancelled shop order's refund leaves it cancelled (the history says what was given back).
        [OrderStatus.Cancelled] = [],
        // A late payment: money that arrives after the order failed or expired makes it paid when its stock can be
        // taken again (Order.AcceptLatePayment); otherwise it is refunded and the status stays.
        [OrderStatus.PaymentFailed] = [OrderStatus.Paid],
        [OrderStatus.Expired] = [OrderStatus.Paid],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static void EnsureCanMove(OrderStatus from, OrderStatus to)
    {
        if (!CanMove(from, to))
            throw new Common.ConflictException($"An order that is {Describe(from)} cannot become {Describe(to)}.");
    }

    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "awaiting payment",
        OrderStatus.PaymentFailed => "payment failed",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The status as a label on its own, capitalised: "Paid", "Awaiting payment".</summary>
    public static string Label(OrderStatus status)
    {
        var words = Describe(status);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
