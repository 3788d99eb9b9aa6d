namespace Ecommerce.Core.Orders;

/// <summary>
/// Where an order (and each of its shop orders) stands. The legal moves are in <see cref="OrderTransitions"/>.
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
    /// <summary>Not set today: a partial refund leaves the status where fulfilment has it; ShopOrder.RefundedAmount says how much.</summary>
    PartiallyRefunded = 9,
}

/// <summary>The order state machine of DESIGN.md; anything not listed is an illegal transition.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.PaymentFailed, OrderStatus.Expired, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Delivered] = [OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.PartiallyRefunded] = [OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Cancelled] = [OrderStatus.Refunded],
        [OrderStatus.PaymentFailed] = [],
        [OrderStatus.Expired] = [],
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
        OrderStatus.PartiallyRefunded => "partially refunded",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The status as a label on its own, capitalised: "Paid", "Awaiting payment".</summary>
    public static string Label(OrderStatus status)
    {
        var words = Describe(status);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
