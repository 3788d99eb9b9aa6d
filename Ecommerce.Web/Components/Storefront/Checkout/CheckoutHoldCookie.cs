namespace Ecommerce.Web.Components.Storefront.Checkout;

/// <summary>
/// Which stock holds belong to this browser's checkout: a random holder id in the <c>checkout_hold</c> cookie
/// (HttpOnly, for the browser session). The checkout page holds with it, site.js renews it, placing the order releases it.
/// </summary>
internal static class CheckoutHoldCookie
{
    public const string Name = "checkout_hold";

    public static Guid? Read(HttpContext context) =>
        Guid.TryParseExact(context.Request.Cookies[Name], "N", out var id) && id != Guid.Empty ? id : null;

    public static Guid GetOrCreate(HttpContext context)
    {
        if (Read(context) is { } existing) return existing;
        var id = Guid.NewGuid();
        if (!context.Response.HasStarted)
            context.Response.Cookies.Append(Name, id.ToString("N"), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true,
            });
        return id;
    }

    public static void Clear(HttpContext context)
    {
        if (!context.Response.HasStarted) context.Response.Cookies.Delete(Name);
    }
}
