namespace Ecommerce.Core.Accounts;

public static class Roles
{
    public const string Shopper = "Shopper";
    public const string Merchant = "Merchant";
    public const string Admin = "Admin";

    public static readonly string[] All = [Shopper, Merchant, Admin];
}
