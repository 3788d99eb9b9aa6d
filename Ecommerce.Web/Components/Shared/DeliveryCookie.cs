using Ecommerce.Core.Shipping;

namespace Ecommerce.Web.Components.Shared;

/// <summary>
/// The shopper's "Deliver to" choice, kept in a cookie (guests included; a year, not readable by scripts). A
/// signed-in shopper who never chose gets their default address's location (see Hosting/DefaultDeliveryLocation.cs).
/// </summary>
public static class DeliveryCookie
{
    public const string Name = "deliver_to";
    private static readonly object DefaultKey = new();

    public static DeliveryLocation? Read(HttpContext? context) =>
        context is null ? null : Chosen(context) ?? context.Items[DefaultKey] as DeliveryLocation;

    /// <summary>The location the shopper picked themselves, if any.</summary>
    public static DeliveryLocation? Chosen(HttpContext context) => DeliveryLocation.Parse(context.Request.Cookies[Name]);

    /// <summary>For this request, the location to use when the shopper picked none.</summary>
    public static void UseDefault(HttpContext context, DeliveryLocation location) => context.Items[DefaultKey] = location;

    public static void Write(HttpContext context, DeliveryLocation location) =>
        context.Response.Cookies.Append(Name, location.Serialize(), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
}
