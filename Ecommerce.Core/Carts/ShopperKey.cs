namespace Ecommerce.Core.Carts;

/// <summary>
/// Whose cart and wishlist: a signed-in user ("user:{id}") or a guest's browser ("guest:{token}", the token kept
/// in a cookie). Logging in merges the guest's lists into the user's.
/// </summary>
public readonly record struct ShopperKey
{
    private ShopperKey(string value) => Value = value;

    public string Value { get; }
    public bool IsGuest => Value.StartsWith("guest:", StringComparison.Ordinal);

    public static ShopperKey ForUser(string userId) => new("user:" + userId);
    public static ShopperKey ForGuest(Guid token) => new("guest:" + token.ToString("N"));

    public override string ToString() => Value;
}
