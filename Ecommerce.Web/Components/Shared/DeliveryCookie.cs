using Ecommerce.Core.Shipping;

namespace Ecommerce.Web.Components.Shared;

/// <summary>The shopper's "Deliver to" choice, kept in a cookie (guests included; a year, not readable by scripts).</summary>
public static class DeliveryCookie
{
    public const string Name = "deliver_to";

    public static DeliveryLocation? Read(HttpContext? context) =>
        context is null ? null : DeliveryLocation.Parse(context.Request.Cookies[Name]);

    public static void Write(HttpContext context, DeliveryLocation location) =>
        context.Response.Cookies.Append(Name, location.Serialize(), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
}
