using System.Text.Json;

namespace Ecommerce.Web.Components.Shared;

/// <summary>A one-time notice carried over a form post's redirect ("Added to your cart."), in a short-lived cookie.</summary>
public sealed record Flash(string Text, bool IsError = false, string? Link = null, string? LinkText = null)
{
    private const string Cookie = "flash";

    public void Send(HttpContext context) =>
        context.Response.Cookies.Append(Cookie, JsonSerializer.Serialize(this), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(1), IsEssential = true,
        });

    /// <summary>The notice waiting for this page, once: reading it removes it. A link that is not local is dropped.</summary>
    public static Flash? Take(HttpContext? context)
    {
        if (context?.Request.Cookies[Cookie] is not { Length: > 0 and < 2000 } value || context.Response.HasStarted) return null;
        context.Response.Cookies.Delete(Cookie);
        try
        {
            var flash = JsonSerializer.Deserialize<Flash>(value);
            return flash is null || string.IsNullOrWhiteSpace(flash.Text) ? null
                : LocalUrl.IsLocal(flash.Link) ? flash : flash with { Link = null, LinkText = null };
        }
        catch (JsonException) { return null; }
    }
}
