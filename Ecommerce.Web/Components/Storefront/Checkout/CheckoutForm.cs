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
