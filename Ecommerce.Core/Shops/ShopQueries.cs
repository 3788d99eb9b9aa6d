namespace Ecommerce.Core.Shops;

/// <summary>The one ownership rule of the merchant services: a shop is yours when its merchant is you.</summary>
internal static class ShopQueries
{
    public static IQueryable<Shop> OwnedBy(this IQueryable<Shop> shops, string userId) =>
        shops.Where(s => s.Merchant!.UserId == userId);

    /// <summary>The message of every "not yours or not there" refusal: the two must look the same.</summary>
    public const string Shop = "Shop";

    public const string StaleMessage = "This shop was changed by someone else; reload to see their changes, then try again.";
}
