using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data.Seeding.Kinds;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>The demo category tree: two parents (Fashion, Electronics) and one leaf category per product kind.</summary>
internal static class CategoryTemplates
{
    public static readonly IReadOnlyList<ProductKind> Kinds =
    [
        new ClothingKind(), new ShoesKind(), new LaptopKind(), new PhoneKind(), new HeadphonesKind(), new FoodKind(),
        new BookKind(), new FurnitureKind(), new HomeKitchenKind(), new BeautyKind(), new ToyKind(), new SportsKind(),
    ];

    public static readonly IReadOnlyDictionary<string, ProductKind> BySlug = Kinds.ToDictionary(k => k.Slug);

    private static readonly (string Slug, string Name, string Description)[] Parents =
    [
        (Fashion.ParentSlug, "Fashion", "Clothing and shoes for women, men and everyone."),
        (Electronics.ParentSlug, "Electronics", "Laptops, phones, audio and everything that needs charging."),
    ];

    /// <summary>New, unsaved categories: parents first, children linked through <see cref="Category.Parent"/>.</summary>
    public static List<Category> Build()
    {
        var parents = Parents.Select((p, i) => new Category { Name = p.Name, Slug = p.Slug, Description = p.Description, SortOrder = i * 100 })
            .ToDictionary(c => c.Slug);
        var categories = new List<Category>(parents.Values);
        for (var i = 0; i < Kinds.Count; i++)
        {
            var kind = Kinds[i];
            var parent = kind.ParentSlug is null ? null : parents[kind.ParentSlug];
            categories.Add(new Category
            {
                Name = kind.Name,
                Slug = kind.Slug,
                Description = kind.Description,
                Parent = parent,
                SortOrder = (parent?.SortOrder ?? 0) + i + 1,
                AttributeTemplate = [.. kind.Template],
                VariantOptions = [.. kind.VariantOptions],
            });
        }
        return categories;
    }
}
