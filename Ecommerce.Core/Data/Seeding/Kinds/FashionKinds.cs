using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal static class Fashion
{
    public const string ParentSlug = "fashion";

    public static readonly string[] Colours =
        ["Navy", "Black", "White", "Heather Grey", "Olive", "Burgundy", "Sand", "Sky Blue", "Forest Green", "Charcoal", "Rust", "Cream"];

    public static readonly string[] Genders = ["Men", "Women", "Unisex"];
}

internal sealed class ClothingKind : ProductKind
{
    private static readonly string[] Brands = ["Northwind", "Harbor & Pine", "Kestrel", "Loom Theory", "Urban Fable", "Alder Lane", "Tidewater", "Copperline"];
    private static readonly string[] Materials = ["Organic Cotton", "Cotton", "Merino Wool", "Linen", "Recycled Polyester", "Cotton Blend", "Fleece"];
    private static readonly string[] Fits = ["Slim", "Regular", "Relaxed"];
    private static readonly string[] Styles = ["Classic", "Everyday", "Heavyweight", "Lightweight", "Vintage-Wash", "Essential", "Garment-Dyed", "Brushed"];
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "XXL"];
    private static readonly string[] Origins = ["Portugal", "Peru", "India", "Turkey", "USA", "Vietnam"];

    private static readonly (string Noun, decimal Min, decimal Max)[] Garments =
    [
        ("T-Shirt", 14, 38), ("Oxford Shirt", 35, 85), ("Hoodie", 40, 95), ("Crewneck Sweater", 45, 130),
        ("Chino Trousers", 40, 95), ("Denim Jacket", 60, 160), ("Rain Jacket", 70, 220), ("Polo Shirt", 25, 65),
        ("Joggers", 30, 75), ("Linen Shirt", 40, 90), ("Puffer Vest", 60, 140), ("Flannel Shirt", 30, 75),
    ];

    private static readonly string[] Highlights =
    [
        "Pre-washed for a soft hand feel and minimal shrinkage",
        "Reinforced seams that hold their shape wash after wash",
        "Breathable fabric for all-day comfort",
        "Responsibly sourced materials, traceable from mill to store",
        "Tagless neck label, so nothing itches",
        "Colour-fast dyes that stay rich after many washes",
        "Cut with a little extra room through the shoulders",
        "Finished by hand in a small family-run workshop",
    ];

    public override string Slug => "clothing";
    public override string Name => "Clothing";
    public override string ParentSlug => Fashion.ParentSlug;
    public override string Description => "Shirts, knitwear, trousers and outerwear for every season.";
    public override IReadOnlyList<string> VariantOptions => ["Colour", "Size"];
    public override IReadOnlyList<string> Views => ["front view", "back view", "fabric close-up"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("material", "Material", Materials, required: true),
        Attr.Choice("fit", "Fit", Fits),
        Attr.Choice("gender", "Cut for", Fashion.Genders),
        Attr.Text("care", "Care instructions"),
        Attr.Text("origin", "Made in"),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, min, max) = r.ArrayElement(Garments);
        var brand = r.ArrayElement(Brands);
        var material = r.ArrayElement(Materials);
        var fit = r.ArrayElement(Fits);
        var style = r.ArrayElement(Styles);
        var colours = Some(r, Fashion.Colours, 1, 3);
        var firstSize = r.Number(0, 2);
        var sizes = Sizes.Skip(firstSize).Take(r.Number(3, 6 - firstSize)).ToList();
        var care = material is "Merino Wool" or "Linen" ? "Hand wash cold, dry flat" : "Machine wash 30 °C, tumble dry low";

        return new ProductDraft
        {
            Name = $"{brand} {style} {material} {noun}",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = new()
            {
                ["material"] = material, ["fit"] = fit, ["gender"] = r.ArrayElement(Fashion.Genders),
                ["care"] = care, ["origin"] = r.ArrayElement(Origins),
            },
            Intro = $"A {style.ToLowerInvariant()} {noun.ToLowerInvariant()} in {material.ToLowerInvariant()} with a {fit.ToLowerInvariant()} fit. " +
                    $"{brand} designs pieces to be worn often and kept for years: simple lines, honest fabric, no logos shouting at you.",
            Highlights = [.. r.ArrayElements(Highlights, 3), $"Available in {ListOf(colours)}"],
            // Bigger sizes cost a little more, as they do in most shops.
            Variants = Combine("Colour", colours, "Size", sizes.Select(s => (s, s == "XXL" ? 3m : 0m))),
            Tags = [noun.ToLowerInvariant(), material.ToLowerInvariant(), fit.ToLowerInvariant() + " fit"],
            ImageSubject = $"{colours[0]} {material.ToLowerInvariant()} {noun.ToLowerInvariant()}",
            Picture = Picture(noun),
        };
    }

    // The category's icon is a T-shirt: trousers and jackets are drawn as what they are.
    private static string? Picture(string noun) => noun switch
    {
        "Chino Trousers" or "Joggers" => "trousers",
        "Denim Jacket" or "Rain Jacket" or "Puffer Vest" or "Hoodie" => "jacket",
        _ => null,
    };
}

internal sealed class ShoesKind : ProductKind
{
    private static readonly string[] Brands = ["Stridewell", "Koa Trail", "Pacer & Co", "Arrowfoot", "Summit Step", "Cobblestone"];
    private static readonly string[] Uppers = ["Leather", "Suede", "Mesh", "Canvas", "Knit", "Synthetic"];
    private static readonly string[] Soles = ["Rubber", "EVA foam", "Vibram rubber", "Crepe"];
    private static readonly string[] Closures = ["Laces", "Slip-on", "Zip", "Buckle"];
    private static readonly string[] Colours = ["Black", "White", "Navy", "Tan", "Grey", "Olive", "Burgundy", "Chalk"];

    private static readonly (string Noun, decimal Min, decimal Max, string Closure)[] Styles =
    [
        ("Running Shoes", 60, 180, "Laces"), ("Trail Runners", 80, 190, "Laces"), ("Leather Sneakers", 60, 150, "Laces"),
        ("Chelsea Boots", 90, 240, "Slip-on"), ("Hiking Boots", 100, 260, "Laces"), ("Loafers", 70, 180, "Slip-on"),
        ("Canvas Sneakers", 35, 80, "Laces"), ("Sandals", 25, 90, "Buckle"), ("Ankle Boots", 80, 210, "Zip"),
    ];

    private static readonly string[] Highlights =
    [
        "Cushioned footbed that moulds to your foot",
        "Grippy outsole for wet pavements and dusty trails",
        "Padded collar and tongue for a blister-free break-in",
        "Removable insole, so your orthotics fit",
        "Stitched, not just glued: resoleable by any cobbler",
        "Light enough to pack for a weekend away",
        "Breathable lining that keeps feet dry",
    ];

    public override string Slug => "shoes";
    public override string Name => "Shoes";
    public override string ParentSlug => Fashion.ParentSlug;
    public override string Description => "Sneakers, boots, runners and sandals.";
    public override IReadOnlyList<string> VariantOptions => ["Colour", "Size"];
    public override IReadOnlyList<string> Views => ["side view", "top view", "sole detail"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("upper", "Upper material", Uppers, required: true),
        Attr.Choice("sole", "Sole", Soles, facet: false),
        Attr.Choice("closure", "Closure", Closures),
        Attr.YesNo("waterproof", "Waterproof"),
        Attr.Number("weight_g", "Weight (one shoe)", "g"),
        Attr.Choice("gender", "Cut for", Fashion.Genders),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, min, max, closure) = r.ArrayElement(Styles);
        var brand = r.ArrayElement(Brands);
        var upper = noun.Contains("Leather") ? "Leather" : noun.Contains("Canvas") ? "Canvas" : r.ArrayElement(Uppers);
        var waterproof = noun.Contains("Boots") && r.Bool(0.6f);
        var colours = Some(r, Colours, 1, 2);
        var firstSize = r.Number(5, 7);
        var sizes = Enumerable.Range(firstSize, r.Number(5, 7)).Select(s => $"US {s}");
        var model = r.ArrayElement(new[] { "Ridge", "Metro", "Drift", "Harbor", "Canyon", "Breeze", "Atlas", "Juniper" });

        return new ProductDraft
        {
            Name = $"{brand} {model} {upper} {noun}",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = new()
            {
                ["upper"] = upper, ["sole"] = r.ArrayElement(Soles), ["closure"] = closure,
                ["waterproof"] = YesNo(waterproof), ["weight_g"] = Num(r.Number(180, 720)),
                ["gender"] = r.ArrayElement(Fashion.Genders),
            },
            Intro = $"The {model} is {brand}'s take on {noun.ToLowerInvariant()}: a {upper.ToLowerInvariant()} upper on a sole built for long days on your feet." +
                    (waterproof ? " A waterproof membrane keeps the rain out without making your feet sweat." : ""),
            Highlights = [.. r.ArrayElements(Highlights, 3)],
            Variants = Combine("Colour", colours, "Size", sizes.Select(s => (s, 0m))),
            Tags = [noun.ToLowerInvariant(), upper.ToLowerInvariant(), .. waterproof ? new[] { "waterproof" } : []],
            ImageSubject = $"{colours[0]} {upper.ToLowerInvariant()} {noun.ToLowerInvariant()}",
        };
    }
}
