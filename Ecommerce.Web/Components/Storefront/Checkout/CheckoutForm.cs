using System.Text.RegularExpressions;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Payments;

namespace Ecommerce.Web.Components.Storefront.Checkout;

/// <summary>
/// Everything the checkout page's one form posts. Nothing price-like: the server prices the cart itself. The
/// card fields are never written back into the page.
/// </summary>
public sealed partial class CheckoutForm
{
    /// <summary>Made when the page is first shown and kept across its posts, so a double submit places one order.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>A guest's email (a signed-in shopper's is their account's).</summary>
    public string? Email { get; set; }
    /// <summary>A saved address of a signed-in shopper; null or 0: <see cref="Address"/>.</summary>
    public int? AddressId { get; set; }
    public PostalAddress Address { get; set; } = new();
    public bool SaveAddress { get; set; }
    /// <summary>Chosen shipping zone per shop id.</summary>
    public Dictionary<int, int> Shipping { get; set; } = [];
    public string? Coupon { get; set; }
    public string? CardNumber { get; set; }
    /// <summary>"MM/YY" (or MM/YYYY).</summary>
    public string? CardExpiry { get; set; }
    public string? CardCvc { get; set; }
    /// <summary>The button pressed: "place", "update" or "remove:{variantId}".</summary>
    public string? Action { get; set; }
    /// <summary>
    /// The lines the shopper reviewed, "variantId:quantity,…" (never a price): the order is placed for exactly these,
    /// and a double submit after the first has emptied the cart still finds its order by the idempotency key.
    /// </summary>
    public string? Review { get; set; }

    public static string ReviewOf(IEnumerable<LineRequest> lines) => string.Join(",", lines.Select(l => $"{l.VariantId}:{l.Quantity}"));

    /// <summary>The reviewed lines, or null when there are none or they are not what this page wrote.</summary>
    public IReadOnlyList<LineRequest>? ReviewedLines()
    {
        var parts = (Review ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > Pricer.MaxLines) return null;
        var lines = new List<LineRequest>();
        foreach (var part in parts)
        {
            var pair = part.Split(':');
            if (pair.Length != 2 || !int.TryParse(pair[0], out var variantId) || !int.TryParse(pair[1], out var quantity)) return null;
            lines.Add(new LineRequest(variantId, quantity)); // quantities are validated by CheckoutService
        }
        return lines;
    }

    public bool UsesSavedAddress => AddressId is > 0;

    /// <summary>The card as the payment gateway takes it; format problems go to <paramref name="errors"/> under "payment.*".</summary>
    public PaymentMethodDetails Card(ValidationErrors errors)
    {
        var digits = new string((CardNumber ?? "").Where(char.IsDigit).ToArray());
        if (digits.Length == 0) errors.Add("payment.cardNumber", "Enter your card number.");
        else if (digits.Length is < 12 or > 19 || !SandboxPaymentGateway.PassesLuhn(digits)) errors.Add("payment.cardNumber", "This card number is not valid; please check it.");

        int? month = null, year = null;
        if (ExpiryPattern().Match(CardExpiry ?? "") is { Success: true } m && int.Parse(m.Groups[1].Value) is >= 1 and <= 12 and var mm)
        {
            month = mm;
            var yy = int.Parse(m.Groups[2].Value);
            year = yy < 100 ? 2000 + yy : yy;
        }
        else errors.Add("payment.expiry", "Enter the expiry date as MM/YY.");

        var cvc = (CardCvc ?? "").Trim();
        if (!CvcPattern().IsMatch(cvc)) errors.Add("payment.cvc", "Enter the 3 or 4 digits on the back of the card.");
        return new PaymentMethodDetails(digits, month, year, cvc);
    }

    /// <summary>Card data goes back to no page: after each post the shopper types it again.</summary>
    public void ForgetCard()
    {
        CardNumber = null;
        CardCvc = null;
    }

    [GeneratedRegex(@"^\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*$")] private static partial Regex ExpiryPattern();
    [GeneratedRegex(@"^\d{3,4}$")] private static partial Regex CvcPattern();
}
