using System.Globalization;

namespace Ecommerce.Web.Components.Shared;

/// <summary>One way to show an amount of money everywhere: symbol and two decimals in the currency's usual form.</summary>
public static class Money
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Format(decimal amount, string currency) => currency switch
    {
        "USD" => amount.ToString("C2", Us),
        "EUR" => $"€{amount.ToString("N2", Us)}",
        "GBP" => $"£{amount.ToString("N2", Us)}",
        _ => $"{amount.ToString("N2", Us)} {currency}",
    };
}
