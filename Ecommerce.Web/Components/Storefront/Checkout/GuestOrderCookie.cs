using System.Security.Cryptography;
using System.Text.Json;
using Ecommerce.Core.Carts;
using Microsoft.AspNetCore.DataProtection;

namespace Ecommerce.Web.Components.Storefront.Checkout;

/// <summary>
/// A guest's proof that this browser placed an order: the order numbers it placed, each with the guest cart it was
/// bought from, in a cookie protected by data protection (neither readable nor forgeable), so the confirmation page
/// opens for them, even after they log in, and for nobody else.
/// </summary>
internal static class GuestOrderCookie
{
    public const string Name = "guest_orders";
    private const int Max = 10;

    private sealed record Entry(string Number, Guid Token);

    public static void Remember(HttpContext context, string number, ShopperKey guest)
    {
        if (!guest.IsGuest || !Guid.TryParseExact(guest.Value["guest:".Length..], "N", out var token)) return;
        var entries = Read(context).Where(e => e.Number != number).Prepend(new Entry(number, token)).Take(Max).ToList();
        context.Response.Cookies.Append(Name, Protector(context).Protect(JsonSerializer.Serialize(entries)), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(30), IsEssential = true,
        });
    }

    /// <summary>The guest cart an order was placed from, when this browser placed it.</summary>
    public static ShopperKey? GuestFor(HttpContext context, string number) =>
        Read(context).FirstOrDefault(e => string.Equals(e.Number, number, StringComparison.OrdinalIgnoreCase)) is { } entry
            ? ShopperKey.ForGuest(entry.Token) : null;

    private static IReadOnlyList<Entry> Read(HttpContext context)
    {
        if (context.Request.Cookies[Name] is not { Length: > 0 and < 4000 } value) return [];
        try { return JsonSerializer.Deserialize<List<Entry>>(Protector(context).Unprotect(value)) ?? []; }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException) { return []; }
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("Ecommerce.GuestOrders.v1");
}
