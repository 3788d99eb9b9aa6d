using Ecommerce.Core.Common;

namespace Ecommerce.Core.Carts;

/// <summary>
/// A variant in a shopper's cart. A cart is a wish, not a claim: it holds no stock and no price (both are read
/// fresh whenever the cart is shown and reserved only at checkout).
/// </summary>
public class CartLine
{
    public long Id { get; set; }
    public required string ShopperKey { get; set; }
    public int VariantId { get; set; }
    public int Quantity { get; set; }
    [Stamped] public DateTime AddedAt { get; set; }
    [Stamped] public DateTime UpdatedAt { get; set; }
}

/// <summary>A product a shopper saved for later (optionally one variant of it).</summary>
public class WishlistItem
{
    public long Id { get; set; }
    public required string ShopperKey { get; set; }
    public int ProductId { get; set; }
    public int? VariantId { get; set; }
    [Stamped] public DateTime AddedAt { get; set; }
}
