namespace Ecommerce.Core.Payments;

/// <summary>
/// Stripe takes amounts as integers in the currency's smallest unit: 12.34 USD is 1234, 1200 JPY is 1200
/// (zero-decimal currencies), 1.234 KWD is 1234 (three-decimal ones). The lists are Stripe's, from its currencies page.
/// </summary>
public static class StripeAmounts
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
        { "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF" };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase) { "BHD", "JOD", "KWD", "OMR", "TND" };

    public static long ToMinorUnits(decimal amount, string currency)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "An amount to charge or refund cannot be negative.");
        var factor = ZeroDecimal.Contains(currency) ? 1m : ThreeDecimal.Contains(currency) ? 1000m : 100m;
        return (long)decimal.Round(amount * factor, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>The reverse of <see cref="ToMinorUnits"/>: what Stripe reports (1234 USD cents) as an amount (12.34).</summary>
    public static decimal FromMinorUnits(long minor, string currency) =>
        minor / (ZeroDecimal.Contains(currency) ? 1m : ThreeDecimal.Contains(currency) ? 1000m : 100m);

    /// <summary>Stripe's form: lower-case ISO 4217.</summary>
    public static string Currency(string currency) => currency.Trim().ToLowerInvariant();
}
