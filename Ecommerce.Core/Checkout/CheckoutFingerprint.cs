using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// What makes two checkouts the same request, hashed and stored with the order's idempotency key: the lines (or "the
/// cart" when the caller sent none), where to, the shipping choices, the coupon and the buyer's email, each in its
/// normalised form, so a retry that differs only in spacing or line order is still the same request. The card is
/// not part of it: a retry may pay with another card, and card numbers are never hashed into the database.
/// </summary>
public static class CheckoutFingerprint
{
    public const int Length = 64; // SHA-256, lower-case hex

    public static string Of(Buyer buyer, PlaceOrderRequest request, PostalAddress normalisedShipTo)
    {
        var text = new StringBuilder("checkout/1\n");
        text.Append("email=").Append((buyer.Email ?? "").Trim().ToLowerInvariant()).Append('\n');
        if (request.LinesFromCart) text.Append("lines=cart\n");
        else
            foreach (var line in (request.Lines ?? []).OrderBy(l => l.VariantId).ThenBy(l => l.Quantity))
                text.Append(CultureInfo.InvariantCulture, $"line={line.VariantId}x{line.Quantity}\n");
        var a = normalisedShipTo;
        foreach (var field in new[] { a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone })
            text.Append("shipTo=").Append(Escape(field)).Append('\n');
        foreach (var (shopId, methodId) in (request.ShippingChoices ?? new Dictionary<int, int>()).OrderBy(c => c.Key))
            text.Append(CultureInfo.InvariantCulture, $"shipping={shopId}:{methodId}\n");
        text.Append("coupon=").Append(string.IsNullOrWhiteSpace(request.CouponCode) ? "" : Pricer.NormaliseCode(request.CouponCode)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Null and "" differ, and no field can end its line early.
    private static string Escape(string? value) => value is null ? "\u2400" : value.Replace("\\", "\\\\").Replace("\n", "\\n");
}
