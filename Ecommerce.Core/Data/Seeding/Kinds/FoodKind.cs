using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal sealed class FoodKind : ProductKind
{
    private static readonly string[] Brands = ["Green Basket", "Hearth & Harvest", "Sunny Acres", "Little Orchard", "Blue Ridge Pantry", "Mesa Verde Farms"];
    private static readonly string[] Allergens = ["Gluten", "Milk", "Eggs", "Tree nuts", "Peanuts", "Soy", "Sesame", "Mustard"];
    private static readonly string[] Diets = ["Vegan", "Vegetarian", "Gluten-free", "Keto", "Dairy-free"];
    private static readonly string[] Origins = ["California", "Italy", "Spain", "Vermont", "Colombia", "Ethiopia", "Greece", "Oregon", "Japan"];

    // (name, grams, price, shelf life in days, allergens, diets, storage)
    private static readonly (string Item, int Grams, decimal Price, int ShelfDays, string[] Allergens, string[] Diets, string Storage)[] Items =
    [
        ("Extra Virgin Olive Oil", 750, 16, 540, [], ["Vegan", "Gluten-free"], "Store in a cool, dark place"),
        ("Dark Chocolate Bar 72%", 100, 4.5m, 360, ["Milk", "Soy"], ["Vegetarian", "Gluten-free"], "Keep below 20 °C"),
        ("Whole Bean Coffee", 340, 14, 270, [], ["Vegan", "Gluten-free", "Keto"], "Keep sealed, away from light"),
        ("Loose Leaf Green Tea", 100, 9, 540, [], ["Vegan", "Gluten-free"], "Keep dry and sealed"),
        ("Honey Almond Granola", 400, 6.5m, 240, ["Gluten", "Tree nuts"], ["Vegetarian"], "Reseal after opening"),
        ("Crunchy Almond Butter", 340, 9.5m, 300, ["Tree nuts"], ["Vegan", "Gluten-free", "Keto"], "Refrigerate after opening"),
        ("Raw Wildflower Honey", 500, 12, 720, [], ["Vegetarian", "Gluten-free"], "Store at room temperature"),
        ("Aged Basmati Rice", 1000, 5.5m, 720, [], ["Vegan", "Gluten-free"], "Store in a dry place"),
        ("Bronze-Cut Penne Pasta", 500, 3.8m, 540, ["Gluten", "Eggs"], ["Vegetarian"], "Store in a dry place"),
        ("Sea Salt Trail Mix", 300, 7, 180, ["Tree nuts", "Peanuts"], ["Vegan"], "Reseal after opening"),
        ("Pure Maple Syrup", 250, 11, 720, [], ["Vegan", "Gluten-free"], "Refrigerate after opening"),
        ("Rosemary Sea Salt Crackers", 150, 4.2m, 200, ["Gluten", "Sesame"], ["Vegan"], "Store in a dry place"),
        ("Dried Mango Slices", 200, 6, 300, [], ["Vegan", "Gluten-free"], "Reseal after opening"),
        ("Oat & Raisin Cookies", 250, 4.8m, 120, ["Gluten", "Milk", "Eggs"], ["Vegetarian"], "Store in an airtight tin"),
        ("Smoked Chipotle Hot Sauce", 150, 6.5m, 540, ["Mustard"], ["Vegan", "Gluten-free", "Keto"], "Refrigerate after opening"),
        ("Strawberry Preserve", 340, 5.5m, 365, [], ["Vegan", "Gluten-free"], "Refrigerate after opening"),
        ("Tri-Colour Quinoa", 500, 7.5m, 540, [], ["Vegan", "Gluten-free"], "Store in a dry place"),
        ("Steel-Cut Oats", 800, 5, 365, ["Gluten"], ["Vegan"], "Store in a dry place"),
        ("Aged Balsamic Vinegar", 250, 13, 900, [], ["Vegan", "Gluten-free"], "Store at room temperature"),
        ("Roasted Salted Peanuts", 400, 4.5m, 240, ["Peanuts"], ["Vegan", "Gluten-free", "Keto"], "Reseal after opening"),
        ("Miso Paste", 300, 8, 365, ["Soy"], ["Vegan"], "Refrigerate after opening"),
        ("Parmesan Cheese Crisps", 90, 5.5m, 150, ["Milk"], ["Vegetarian", "Gluten-free", "Keto"], "Keep sealed"),
    ];

    private static readonly string[] Highlights =
    [
        "Small-batch, made by growers we visit every season",
        "No artificial colours, flavours or preservatives",
        "Packed in recyclable packaging",
        "Great in the pantry, better on the table",
        "Ships in an insulated box when the weather is warm",
    ];

    public override string Slug => "food";
    public override string Name => "Food & Grocery";
    public override string Description => "Pantry staples, snacks and treats from small producers.";
    public override IReadOnlyList<string> VariantOptions => ["Pack"];
    public override IReadOnlyList<string> Views => ["front of pack", "ingredients", "serving suggestion"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Number("weight_g", "Net weight", "g", required: true),
        Attr.Date("best_before", "Best before", required: true),
        Attr.YesNo("organic", "Organic"),
        Attr.List("allergens", "Allergens", Allergens, facet: true),
        Attr.List("diet", "Suitable for", Diets, facet: true),
        Attr.Text("origin", "Origin"),
        Attr.Text("storage", "Storage"),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (item, grams, price, shelfDays, allergens, diets, storage) = r.ArrayElement(Items);
        var brand = r.ArrayElement(Brands);
        var organic = r.Bool(0.4f);
        var origin = r.ArrayElement(Origins);
        var name = $"{brand} {(organic ? "Organic " : "")}{item}, {WeightText(grams)}";
        // Most food is sold singly; some also in multipacks at a small discount per unit.
        var packs = r.Bool(0.4f)
            ? Single("Pack", [("Single", 0m), ("Pack of 3", price * 2m), ("Pack of 6", price * 4.5m)])
            : [];

        return new ProductDraft
        {
            Name = name,
            Brand = brand,
            BasePrice = price * (organic ? 1.3m : 1m) * r.Decimal(0.9m, 1.2m),
            Attributes = new()
            {
                ["weight_g"] = Num(grams),
                ["best_before"] = today.AddDays(r.Number(shelfDays / 3, shelfDays)).ToString("yyyy-MM-dd"),
                ["organic"] = YesNo(organic), ["allergens"] = ListOf(allergens), ["diet"] = ListOf(diets),
                ["origin"] = origin, ["storage"] = storage,
            },
            Intro = $"{item} from {origin}, chosen by the {brand} team for flavour first. " +
                    (allergens.Length == 0 ? "Free from the common allergens." : $"Contains: {ListOf(allergens).ToLowerInvariant()}."),
            Highlights = [.. r.ArrayElements(Highlights, 2), .. diets.Select(d => $"{d}")],
            Variants = packs,
            Tags = [.. diets.Select(d => d.ToLowerInvariant()), .. organic ? new[] { "organic" } : []],
            ImageSubject = $"{(organic ? "Organic " : "")}{item.ToLowerInvariant()} in its packaging",
        };
    }

    private static string WeightText(int grams) => grams >= 1000 ? $"{grams / 1000m:0.#} kg" : $"{grams} g";
}
