using Ecommerce.Core.Carts;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// Who is checking out: a signed-in user or a guest with an email, and the cart (shopper key) they buy from.
/// Per-customer limits (flash sales, coupons) count against <see cref="CustomerKey"/>.
/// </summary>
public sealed record Buyer(string? UserId, string Email, ShopperKey? Shopper)
{
    public string CustomerKey => UserId is not null ? "user:" + UserId : "email:" + Email.Trim().ToLowerInvariant();
}
