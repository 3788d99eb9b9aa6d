using System.Linq.Expressions;
using Ecommerce.Core.Shops;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// The one definition of "sold on the storefront": published by its merchant, not unlisted by an admin, in a shop
/// that is not suspended. Storefront lists, search documents, carts, wishlists, deals and checkout all use it.
/// </summary>
public static class ProductVisibility
{
    public static readonly Expression<Func<Product, bool>> IsSold =
        p => p.Status == ProductStatus.Active && p.UnlistedAt == null && p.Shop!.Status == ShopStatus.Active;

    /// <summary>The same rule for a variant, through its product.</summary>
    public static readonly Expression<Func<ProductVariant, bool>> VariantIsSold =
        v => v.Product!.Status == ProductStatus.Active && v.Product.UnlistedAt == null && v.Product.Shop!.Status == ShopStatus.Active;

    /// <summary>The same rule on values already read (projections that select the three columns).</summary>
    public static bool Sold(ProductStatus status, DateTime? unlistedAt, ShopStatus shopStatus) =>
        status == ProductStatus.Active && unlistedAt is null && shopStatus == ShopStatus.Active;

    public static IQueryable<Product> WhereSold(this IQueryable<Product> products) => products.Where(IsSold);

    public static IQueryable<ProductVariant> WhereSold(this IQueryable<ProductVariant> variants) => variants.Where(VariantIsSold);
}
