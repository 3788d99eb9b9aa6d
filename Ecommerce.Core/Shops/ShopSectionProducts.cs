using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Shops;

/// <summary>
/// The products a shop page's sections show (featured picks, product grids): one query per product section,
/// never one per product. Used by the storefront and by the builder's live preview alike.
/// </summary>
public sealed class ShopSectionProducts(StorefrontCatalog catalog)
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ProductCard>>> LoadAsync(
        int shopId, IEnumerable<ShopSection> sections, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<Guid, IReadOnlyList<ProductCard>>();
        foreach (var section in sections)
        {
            if (section.Kind == ShopSectionKind.FeaturedProducts)
                result[section.Id] = await catalog.ShopProductsByIdAsync(shopId, section.ProductIds, cancellationToken);
            else if (section.Kind == ShopSectionKind.ProductGrid && IsComplete(section))
                result[section.Id] = await catalog.ShopProductsAsync(shopId, section.GridSource, section.GridCategoryId, section.GridTag,
                    Math.Clamp(section.GridCount, 1, ShopSectionRules.MaxGridCount), cancellationToken);
        }
        return result;
    }

    private static bool IsComplete(ShopSection s) => s.GridSource switch
    {
        ProductGridSource.Category => s.GridCategoryId is not null,
        ProductGridSource.Tag => !string.IsNullOrWhiteSpace(s.GridTag),
        _ => true,
    };
}
