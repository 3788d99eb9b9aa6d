namespace Ecommerce.Web.Components.Shared;

/// <summary>"3–6 days" or "2 days": one wording for delivery estimates in the cart, checkout and orders.</summary>
public static class DeliveryDays
{
    public static string Text(int minDays, int maxDays) => minDays == maxDays ? $"{maxDays} days" : $"{minDays}–{maxDays} days";
}
