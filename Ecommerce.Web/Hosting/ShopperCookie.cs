using System.Security.Claims;
using Ecommerce.Core.Carts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Whose cart and wishlist a request works on: the signed-in user's, or a guest browser's, named by a random
/// token in the <c>cart_token</c> cookie (HttpOnly, a year). Logging in merges the guest's lists into the user's
/// and drops the cookie.
/// </summary>
public static class ShopperCookie
{
    public const string Name = "cart_token";
    private static readonly object ItemKey = new();

    /// <summary>
    /// The current shopper. A guest without a token gets one only when <paramref name="createIfMissing"/> (a
    /// guest putting something in a cart or wishlist), so browsing never sets a cookie; otherwise null.
    /// </summary>
    public static ShopperKey? Current(HttpContext context, bool createIfMissing)
    {
        if (PersonalPages.IsTemplateRender(context)) return null; // a template served to every guest holds no one's lists
        if (UserId(context.User) is { } userId) return ShopperKey.ForUser(userId);
        if (context.Items[ItemKey] is ShopperKey issued) return issued;
        if (GuestToken(context) is { } sent) return ShopperKey.ForGuest(sent);
        if (!createIfMissing || context.Response.HasStarted) return null;

        var token = Guid.NewGuid();
        var key = ShopperKey.ForGuest(token);
        context.Response.Cookies.Append(Name, token.ToString("N"), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
        context.Items[ItemKey] = key; // later calls in this request see the new token before the browser sends it back
        return key;
    }

    /// <summary>The guest token the browser sent, if it is one we could have issued.</summary>
    public static Guid? GuestToken(HttpContext context) =>
        Guid.TryParseExact(context.Request.Cookies[Name], "N", out var token) && token != Guid.Empty ? token : null;

    /// <summary>At every sign-in (log in, register, two-factor, external login), the guest's cart and wishlist join the user's.</summary>
    public static IServiceCollection AddShopperCookie(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var previous = options.Events.OnSignedIn;
            options.Events.OnSignedIn = async context =>
            {
                await previous(context);
                await MergeGuestAsync(context.HttpContext, context.Principal);
            };
        });

    private static async Task MergeGuestAsync(HttpContext context, ClaimsPrincipal? principal)
    {
        if (GuestToken(context) is not { } token || UserId(principal) is not { } userId) return;
        var carts = context.RequestServices.GetRequiredService<CartService>();
        await carts.MergeAsync(ShopperKey.ForGuest(token), ShopperKey.ForUser(userId), context.RequestAborted);
        context.Response.Cookies.Delete(Name);
    }

    private static string? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
