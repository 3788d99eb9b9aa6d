using System.Security.Claims;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Common;

namespace Ecommerce.Web.Api;

/// <summary>
/// Who calls the store API: a signed-in user (Identity's bearer token or the site cookie, whichever the default
/// scheme found) or a guest whose app keeps a cart token and sends it as <c>X-Cart-Token</c>. A signed-in user's
/// cart is theirs whatever token is sent.
/// </summary>
internal sealed record StoreCaller(string? UserId, string? Email, ShopperKey? Shopper)
{
    public const string CartTokenHeader = "X-Cart-Token";

    public bool IsSignedIn => UserId is not null;

    public static StoreCaller From(ClaimsPrincipal user, string? cartToken)
    {
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id)
            return new(id, user.FindFirstValue(ClaimTypes.Email), ShopperKey.ForUser(id));
        if (string.IsNullOrWhiteSpace(cartToken)) return new(null, null, null);
        return Guid.TryParse(cartToken.Trim(), out var token) && token != Guid.Empty
            ? new(null, null, ShopperKey.ForGuest(token))
            : throw ValidationException.For(CartTokenHeader, "must be a UUID your app made for this guest's cart");
    }

    /// <summary>Whose cart: the user's, or the guest token's; a guest without a token has none yet.</summary>
    public ShopperKey Cart => Shopper ?? throw ValidationException.For(CartTokenHeader,
        "is required for guests: sign in (bearer token or cookie), or send a UUID your app keeps for this guest's cart");
}
