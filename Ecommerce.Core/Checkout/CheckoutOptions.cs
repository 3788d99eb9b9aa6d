namespace Ecommerce.Core.Checkout;

/// <summary>Settings of section "Checkout".</summary>
public sealed class CheckoutOptions
{
    public const string Section = "Checkout";

    /// <summary>How long a checkout holds its stock without a renewal (the checkout page renews it every minute).</summary>
    public TimeSpan ReservationExpiry { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a placed order waits for its payment before it expires and its stock goes back.</summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How often expired holds are swept and overdue orders expired.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// How long the request that started an order's charge owns it. A retry of the same checkout inside this time
    /// (a double submit) answers "pending" instead of calling the provider again; after it (the first request's process
    /// died before asking the provider), the retry charges. Longer than the provider call can take (Stripe:Timeout, 30 s).
    /// </summary>
    public TimeSpan ChargeLease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// Checkouts (holding stock, placing an order) that work on the database at once on a node; the others wait their
    /// turn in <see cref="CheckoutQueue"/>. Keep it below the database pool (PostgreSQL: Maximum Pool Size, 100 by
    /// default). 0 turns the queue off.
    /// </summary>
    public int Concurrency { get; set; } = 16;
    /// <summary>Checkouts that may wait for a turn; one more is told to try again (429).</summary>
    public int QueueLength { get; set; } = 5000;
}
