using System.Globalization;
using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal sealed class BeautyKind : ProductKind
{
    private static readonly string[] Brands = ["Glow & Co.", "Lumière Botanics", "Petal Lab", "Saltwater Skin", "Verdant", "Mira Beauty"];
    private static readonly string[] SkinTypes = ["All", "Dry", "Oily", "Combination", "Sensitive"];
    private static readonly string[] Ingredients = ["Hyaluronic acid", "Vitamin C", "Niacinamide", "Retinol", "Shea butter", "Aloe vera", "Green tea", "Squalane", "Ceramides", "Rosehip oil"];
    private static readonly string[] Scents = ["Unscented", "Citrus", "Lavender", "Rose", "Cucumber", "Sandalwood"];
    private static readonly string[] Shades = ["Porcelain", "Ivory", "Sand", "Honey", "Caramel", "Espresso", "Rosewood", "Berry", "Coral", "Nude"];

    // (noun, ml sizes, price range, shades instead of sizes)
    private static readonly (string Noun, int Ml, decimal Min, decimal Max, bool Shaded)[] Items =
    [
        ("Face Serum", 30, 18, 85, false), ("Daily Moisturiser", 50, 15, 70, false), ("Gentle Foaming Cleanser", 150, 10, 35, false),
        ("Lip Balm", 10, 4, 15, false), ("Repair Shampoo", 250, 9, 32, false), ("Silk Conditioner", 250, 9, 32, false),
        ("Body Lotion", 300, 10, 38, false), ("Mineral Sunscreen SPF 50", 50, 14, 40, false), ("Eye Cream", 15, 20, 75, false),
        ("Clay Face Mask", 75, 12, 45, false), ("Hand Cream", 75, 8, 25, false), ("Satin Lipstick", 4, 12, 38, true),
        ("Liquid Foundation", 30, 18, 55, true),
    ];

    private static readonly string[] Highlights =
    [
        "Dermatologist tested",
        "Free from parabens, sulphates and mineral oil",
        "Recyclable glass bottle, refills available",
        "Fragrance-free option for sensitive skin",
        "Absorbs quickly, no greasy finish",
        "Formulated and made in small batches",
    ];

    public override string Slug => "beauty";
    public override string Name => "Beauty";
    public override string Description => "Skincare, hair care and make-up.";
    public override IReadOnlyList<string> VariantOptions => ["Size", "Shade"];
    public override IReadOnlyList<string> Views => ["bottle front", "texture swatch", "with packaging"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Number("volume_ml", "Volume", "ml", required: true),
        Attr.Choice("skin_type", "Skin type", SkinTypes),
        Attr.YesNo("vegan", "Vegan"),
        Attr.YesNo("cruelty_free", "Cruelty-free"),
        Attr.List("key_ingredients", "Key ingredients", Ingredients, facet: true),
        Attr.Choice("scent", "Scent", Scents, facet: false),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, ml, min, max, shaded) = r.ArrayElement(Items);
        var brand = r.ArrayElement(Brands);
        var ingredients = Some(r, Ingredients, 1, 3);
        var vegan = r.Bool(0.6f);
        var skin = r.ArrayElement(SkinTypes);
        var variants = shaded
            ? Single("Shade", Some(r, Shades, 3, 6))
            : r.Bool(0.4f) ? Single("Size", [($"{ml} ml", 0m), ($"{ml * 2} ml", Math.Round(r.Decimal(min, max) * 0.7m))]) : [];

        return new ProductDraft
        {
            Name = shaded ? $"{brand} {noun}" : $"{brand} {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(ingredients[0])} {noun}, {ml} ml",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = new()
            {
                ["volume_ml"] = Num(ml), ["skin_type"] = skin, ["vegan"] = YesNo(vegan), ["cruelty_free"] = YesNo(vegan || r.Bool(0.7f)),
                ["key_ingredients"] = ListOf(ingredients), ["scent"] = r.ArrayElement(Scents),
            },
            Intro = $"A {noun.ToLowerInvariant()} with {ListOf(ingredients).ToLowerInvariant()}, for {(skin == "All" ? "every skin type" : skin.ToLowerInvariant() + " skin")}. " +
                    $"{brand} keeps formulas short and every ingredient has a job.",
            Highlights = [.. r.ArrayElements(Highlights, 3)],
            Variants = variants,
            Tags = [noun.ToLowerInvariant(), .. vegan ? new[] { "vegan" } : [], skin.ToLowerInvariant() + " skin"],
            ImageSubject = $"{brand} {noun.ToLowerInvariant()}",
        };
    }
}
