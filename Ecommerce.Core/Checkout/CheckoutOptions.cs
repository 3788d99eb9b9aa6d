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
}
