using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal sealed class FurnitureKind : ProductKind
{
    private static readonly string[] Brands = ["Oak & Ember", "Nordlys", "Hearthwood", "Casa Verde", "Loft Nine", "Fernhill"];
    private static readonly string[] Materials = ["Solid oak", "Walnut veneer", "Pine", "Bamboo", "Powder-coated steel", "Rattan", "Velvet upholstery", "Linen upholstery"];
    private static readonly string[] Styles = ["Scandinavian", "Mid-century", "Industrial", "Farmhouse", "Modern", "Japandi"];
    private static readonly string[] Finishes = ["Natural", "Walnut", "Black", "White", "Smoked oak"];
    private static readonly string[] Names = ["Fjord", "Alma", "Cedar", "Linden", "Marlow", "Oslo", "Sable", "Tove", "Wren", "Ember"];

    // (noun, width, height, depth ranges as base cm, price range, kg per 100 cm of width)
    private static readonly (string Noun, int W, int H, int D, decimal Min, decimal Max)[] Items =
    [
        ("Dining Table", 180, 75, 90, 350, 1400), ("Coffee Table", 110, 42, 60, 120, 520), ("Bookshelf", 80, 190, 32, 110, 480),
        ("Armchair", 78, 85, 82, 260, 950), ("Three-Seat Sofa", 215, 82, 92, 700, 2600), ("Bed Frame", 165, 95, 210, 320, 1500),
        ("Writing Desk", 120, 75, 60, 180, 700), ("Nightstand", 45, 55, 40, 70, 260), ("Chest of Drawers", 100, 85, 48, 260, 900),
        ("TV Stand", 160, 50, 40, 150, 600), ("Bar Stool", 42, 76, 42, 60, 220), ("Office Chair", 66, 110, 66, 150, 650),
    ];

    private static readonly string[] Highlights =
    [
        "Assembles in under 30 minutes with the included tools",
        "FSC-certified wood from responsibly managed forests",
        "Felt pads under every foot protect your floors",
        "Tested for everyday family use",
        "Rounded edges, no sharp corners",
        "Five-year warranty on the frame",
    ];

    public override string Slug => "furniture";
    public override string Name => "Furniture";
    public override string Description => "Tables, seating, storage and beds for every room.";
    public override IReadOnlyList<string> VariantOptions => ["Finish"];
    public override IReadOnlyList<string> Views => ["in a living room", "front view", "detail of the joinery"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("material", "Material", Materials, required: true),
        Attr.Number("width_cm", "Width", "cm", required: true),
        Attr.Number("height_cm", "Height", "cm", required: true),
        Attr.Number("depth_cm", "Depth", "cm", required: true),
        Attr.Number("weight_kg", "Weight", "kg"),
        Attr.YesNo("assembly_required", "Assembly required"),
        Attr.Choice("style", "Style", Styles),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, w, h, d, min, max) = r.ArrayElement(Items);
        var brand = r.ArrayElement(Brands);
        var material = r.ArrayElement(Materials);
        var style = r.ArrayElement(Styles);
        var model = r.ArrayElement(Names);
        var width = w + r.Number(-2, 4) * 5;
        var finishes = material.Contains("upholstery") ? [] : Single("Finish", Some(r, Finishes, 1, 3));

        return new ProductDraft
        {
            Name = $"{brand} {model} {style} {noun}",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = new()
            {
                ["material"] = material, ["width_cm"] = Num(width), ["height_cm"] = Num(h + r.Number(-3, 3)),
                ["depth_cm"] = Num(d + r.Number(-2, 2) * 2), ["weight_kg"] = Num(Math.Max(3, width * h * d / 40_000)),
                ["assembly_required"] = YesNo(!noun.Contains("Sofa") && r.Bool(0.7f)), ["style"] = style,
            },
            Intro = $"The {model} {noun.ToLowerInvariant()} brings {style.ToLowerInvariant()} lines to your home in {material.ToLowerInvariant()}. " +
                    "Built to be used every day and to look better with age.",
            Highlights = [.. r.ArrayElements(Highlights, 3), $"Measures {width} × {h} × {d} cm (W × H × D)"],
            Variants = finishes,
            Tags = [noun.ToLowerInvariant(), style.ToLowerInvariant(), material.ToLowerInvariant()],
            ImageSubject = $"{style} {material.ToLowerInvariant()} {noun.ToLowerInvariant()}",
        };
    }
}

internal sealed class HomeKitchenKind : ProductKind
{
    private static readonly string[] Brands = ["Hearth & Home", "Copper Kettle", "Stoneware Co.", "Maison Blanc", "Kitchen Theory", "Salt & Sage"];
    private static readonly string[] Materials = ["Stainless steel", "Cast iron", "Ceramic", "Glass", "Bamboo", "Cotton", "Linen", "Enamelled steel"];
    private static readonly string[] Colours = ["Charcoal", "Sage", "Cream", "Terracotta", "Ocean", "Mustard", "Slate"];

    private static readonly (string Noun, string Material, decimal Min, decimal Max, bool Dishwasher, decimal Litres, int Pieces)[] Items =
    [
        ("Chef's Knife 20 cm", "Stainless steel", 35, 180, false, 0, 1), ("Cast Iron Skillet 26 cm", "Cast iron", 30, 95, false, 0, 1),
        ("Nonstick Frying Pan 28 cm", "Stainless steel", 25, 90, true, 0, 1), ("Enamelled Dutch Oven", "Enamelled steel", 60, 320, false, 5.2m, 1),
        ("Saucepan Set", "Stainless steel", 70, 260, true, 0, 3), ("Stoneware Mug Set", "Ceramic", 20, 60, true, 0.35m, 4),
        ("Glass Food Storage Set", "Glass", 25, 70, true, 0, 10), ("End-Grain Cutting Board", "Bamboo", 20, 120, false, 0, 1),
        ("French Press", "Glass", 18, 60, true, 1m, 1), ("Electric Kettle", "Stainless steel", 30, 140, false, 1.7m, 1),
        ("Linen Tablecloth", "Linen", 30, 110, false, 0, 1), ("Cotton Bath Towel Set", "Cotton", 25, 90, false, 0, 4),
        ("Soy Wax Candle", "Glass", 12, 45, false, 0, 1), ("Ceramic Serving Bowl", "Ceramic", 18, 70, true, 2.5m, 1),
    ];

    private static readonly string[] Highlights =
    [
        "Designed in our studio and tested in real home kitchens",
        "Giftable packaging, no plastic",
        "Lifetime guarantee against manufacturing defects",
        "Heats evenly, from the centre to the edge",
        "Easy to clean: a rinse and a wipe is usually enough",
        "Stacks neatly to save cupboard space",
    ];

    public override string Slug => "home-kitchen";
    public override string Name => "Home & Kitchen";
    public override string Description => "Cookware, tableware, linens and everyday home goods.";
    public override IReadOnlyList<string> VariantOptions => ["Colour"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("material", "Material", Materials, required: true),
        Attr.Number("capacity_l", "Capacity", "L"),
        Attr.Number("pieces", "Pieces in set", null),
        Attr.YesNo("dishwasher_safe", "Dishwasher safe"),
        Attr.Text("care", "Care"),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, material, min, max, dishwasher, litres, pieces) = r.ArrayElement(Items);
        var brand = r.ArrayElement(Brands);
        var colours = material is "Ceramic" or "Enamelled steel" or "Cotton" or "Linen" ? Some(r, Colours, 1, 3) : [];
        var attributes = new Dictionary<string, string>
        {
            ["material"] = material, ["pieces"] = Num(pieces), ["dishwasher_safe"] = YesNo(dishwasher),
            ["care"] = dishwasher ? "Dishwasher safe" : material == "Cast iron" ? "Hand wash, dry and oil lightly" : "Hand wash only",
        };
        if (litres > 0) attributes["capacity_l"] = Num(litres);

        return new ProductDraft
        {
            Name = $"{brand} {noun}",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = attributes,
            Intro = $"A {material.ToLowerInvariant()} {noun.ToLowerInvariant()} from {brand}, made to earn its place on the counter rather than hide in a drawer.",
            Highlights = [.. r.ArrayElements(Highlights, 3)],
            Variants = Single("Colour", colours),
            Tags = [material.ToLowerInvariant(), "kitchen", .. dishwasher ? new[] { "dishwasher safe" } : []],
            ImageSubject = colours.Count > 0 ? $"{colours[0]} {noun.ToLowerInvariant()}" : $"{material.ToLowerInvariant()} {noun.ToLowerInvariant()}",
            Picture = Picture(noun),
        };
    }

    // The category's icon is a mug: everything else is drawn as what it is.
    private static string? Picture(string noun) => noun switch
    {
        _ when noun.Contains("Knife") => "knife",
        _ when noun.Contains("Skillet") || noun.Contains("Frying Pan") => "frying-pan",
        _ when noun.Contains("Dutch Oven") => "dutch-oven",
        _ when noun.Contains("Saucepan") => "saucepan",
        _ when noun.Contains("Food Storage") => "food-storage",
        _ when noun.Contains("Cutting Board") => "cutting-board",
        _ when noun.Contains("French Press") => "french-press",
        _ when noun.Contains("Kettle") => "kettle",
        _ when noun.Contains("Tablecloth") => "tablecloth",
        _ when noun.Contains("Towel") => "towels",
        _ when noun.Contains("Candle") => "candle",
        _ when noun.Contains("Bowl") => "bowl",
        _ => null,
    };
}
