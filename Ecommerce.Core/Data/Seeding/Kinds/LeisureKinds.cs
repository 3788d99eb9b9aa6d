using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal sealed class ToyKind : ProductKind
{
    private static readonly string[] Brands = ["Little Giants", "Tinker Tot", "Brightbox", "Owl & Acorn", "Playwell"];
    private static readonly string[] Materials = ["Wood", "Plastic", "Plush", "Cardboard", "Metal"];
    private static readonly string[] Colours = ["Red", "Blue", "Yellow", "Green", "Rainbow"];

    private static readonly (string Noun, string Material, int MinAge, int MinPieces, int MaxPieces, decimal Min, decimal Max, bool Batteries)[] Items =
    [
        ("Building Blocks Set", "Plastic", 4, 120, 1500, 20, 150, false), ("Wooden Train Set", "Wood", 3, 30, 90, 35, 140, false),
        ("Plush Bear", "Plush", 0, 1, 1, 12, 45, false), ("Jigsaw Puzzle", "Cardboard", 8, 500, 2000, 12, 40, false),
        ("Remote Control Car", "Plastic", 6, 1, 1, 30, 120, true), ("Family Board Game", "Cardboard", 8, 60, 200, 20, 60, false),
        ("Crystal Growing Science Kit", "Plastic", 9, 12, 30, 18, 45, false), ("Watercolour Art Set", "Wood", 5, 24, 60, 15, 50, false),
        ("Wooden Dollhouse", "Wood", 3, 15, 40, 70, 220, false), ("Stacking Rings", "Wood", 1, 6, 8, 10, 30, false),
        ("Stunt Kite", "Plastic", 8, 1, 3, 20, 70, false), ("Walkie-Talkie Pair", "Plastic", 5, 2, 2, 20, 55, true),
    ];

    private static readonly string[] Highlights =
    [
        "Safety-tested to EN 71 and ASTM F963",
        "Non-toxic, child-safe paints and finishes",
        "Encourages open-ended, screen-free play",
        "Comes in a sturdy box that doubles as storage",
        "Designed with teachers and play therapists",
    ];

    public override string Slug => "toys";
    public override string Name => "Toys & Games";
    public override string Description => "Toys, puzzles and games for every age.";
    public override IReadOnlyList<string> VariantOptions => ["Colour"];
    public override IReadOnlyList<string> Views => ["in the box", "out of the box", "being played with"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Number("age_min", "Minimum age", "years", facet: true, required: true),
        Attr.Number("pieces", "Pieces", null),
        Attr.Choice("material", "Material", Materials),
        Attr.YesNo("batteries_required", "Batteries required"),
        Attr.YesNo("educational", "Educational"),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, material, age, minPieces, maxPieces, min, max, batteries) = r.ArrayElement(Items);
        var brand = r.ArrayElement(Brands);
        var pieces = r.Number(minPieces, maxPieces);
        var theme = r.ArrayElement(new[] { "Safari", "Space", "Ocean", "Castle", "Farm", "City", "Dinosaur", "Rainforest" });
        var educational = noun.Contains("Science") || noun.Contains("Puzzle") || noun.Contains("Blocks") || r.Bool(0.2f);
        var colours = material == "Plastic" && r.Bool(0.4f) ? Some(r, Colours, 2, 3) : [];

        return new ProductDraft
        {
            Name = pieces > 1 && noun.Contains("Set") || noun.Contains("Puzzle")
                ? $"{brand} {theme} {noun}, {pieces} Pieces"
                : $"{brand} {theme} {noun}",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = new()
            {
                ["age_min"] = Num(age), ["pieces"] = Num(pieces), ["material"] = material,
                ["batteries_required"] = YesNo(batteries), ["educational"] = YesNo(educational),
            },
            Intro = $"A {theme.ToLowerInvariant()}-themed {noun.ToLowerInvariant()} for ages {age}+. " +
                    (educational ? "Kids learn by doing, and this one sneaks the learning into the fun." : "Built for hours of play and years of hand-me-downs."),
            Highlights = [.. r.ArrayElements(Highlights, 3), batteries ? "Batteries not included" : "No batteries needed"],
            Variants = Single("Colour", colours),
            Tags = [theme.ToLowerInvariant(), $"ages {age}+", .. educational ? new[] { "educational" } : []],
            ImageSubject = $"{theme} {noun.ToLowerInvariant()}",
        };
    }
}

internal sealed class SportsKind : ProductKind
{
    private static readonly string[] Brands = ["Apex Motion", "Trailhead", "Peak Form", "Riverbend Outdoor", "Kinetic Sport"];
    private static readonly string[] Sports = ["Yoga", "Fitness", "Running", "Cycling", "Tennis", "Football", "Basketball", "Hiking", "Camping"];
    private static readonly string[] Colours = ["Black", "Teal", "Coral", "Lime", "Slate", "Orange"];

    // (noun, sport, kg, price range, variant option: null, "Size" or "Colour")
    private static readonly (string Noun, string Sport, decimal Kg, decimal Min, decimal Max, string? Option)[] Items =
    [
        ("Non-Slip Yoga Mat 6 mm", "Yoga", 1.2m, 20, 90, "Colour"), ("Adjustable Dumbbell Pair", "Fitness", 24, 120, 420, null),
        ("Resistance Band Set", "Fitness", 0.5m, 15, 45, null), ("Running Shorts", "Running", 0.15m, 20, 55, "Size"),
        ("Cycling Helmet", "Cycling", 0.3m, 45, 220, "Size"), ("Graphite Tennis Racket", "Tennis", 0.3m, 60, 240, null),
        ("Match Football Size 5", "Football", 0.43m, 20, 130, null), ("Indoor/Outdoor Basketball", "Basketball", 0.6m, 20, 70, null),
        ("Hydration Pack 12 L", "Hiking", 0.6m, 40, 140, "Colour"), ("Two-Person Backpacking Tent", "Camping", 1.9m, 150, 520, null),
        ("Carbon Trekking Poles", "Hiking", 0.45m, 60, 180, null), ("Speed Jump Rope", "Fitness", 0.2m, 10, 35, "Colour"),
        ("High-Density Foam Roller", "Fitness", 0.6m, 18, 50, "Colour"), ("Down Sleeping Bag", "Camping", 0.9m, 120, 450, "Size"),
    ];

    // The category's icon is a basketball: everything else is drawn as what it is.
    private static string? Picture(string noun) => noun switch
    {
        _ when noun.Contains("Yoga Mat") => "yoga-mat",
        _ when noun.Contains("Dumbbell") => "dumbbell",
        _ when noun.Contains("Resistance Band") => "resistance-band",
        _ when noun.Contains("Shorts") => "shorts",
        _ when noun.Contains("Helmet") => "helmet",
        _ when noun.Contains("Racket") => "racket",
        _ when noun.Contains("Football") => "football",
        _ when noun.Contains("Hydration Pack") => "backpack",
        _ when noun.Contains("Tent") => "tent",
        _ when noun.Contains("Trekking Poles") => "trekking-poles",
        _ when noun.Contains("Jump Rope") => "jump-rope",
        _ when noun.Contains("Foam Roller") => "foam-roller",
        _ when noun.Contains("Sleeping Bag") => "sleeping-bag",
        _ => null,
    };

    private static readonly string[] Highlights =
    [
        "Tested by our team of coaches and weekend warriors",
        "Durable materials that shrug off sweat, mud and rain",
        "Lightweight and easy to pack",
        "Backed by a two-year warranty",
        "Designed with feedback from club athletes",
    ];

    public override string Slug => "sports";
    public override string Name => "Sports & Outdoors";
    public override string Description => "Fitness, team sports, cycling, hiking and camping gear.";
    public override IReadOnlyList<string> VariantOptions => ["Size", "Colour"];
    public override IReadOnlyList<string> Views => ["product shot", "in action", "detail view"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("sport", "Sport", Sports, required: true),
        Attr.Number("weight_kg", "Weight", "kg"),
        Attr.Text("material", "Material"),
        Attr.Choice("level", "Level", ["Beginner", "Intermediate", "Pro"]),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var (noun, sport, kg, min, max, option) = r.ArrayElement(Items);
        var brand = r.ArrayElement(Brands);
        var line = r.ArrayElement(new[] { "Pro", "Trail", "Core", "Elite", "Flow", "Summit", "Sprint" });
        var level = r.ArrayElement(new[] { "Beginner", "Intermediate", "Pro" });
        var variants = option switch
        {
            "Size" => Single("Size", new[] { "S", "M", "L", "XL" }.Take(r.Number(3, 4))),
            "Colour" => Single("Colour", Some(r, Colours, 2, 4)),
            _ => [],
        };

        return new ProductDraft
        {
            Name = $"{brand} {line} {noun}",
            Brand = brand,
            BasePrice = r.Decimal(min, max),
            Attributes = new()
            {
                ["sport"] = sport, ["weight_kg"] = Num(Math.Round(kg * r.Decimal(0.9m, 1.1m), 2)),
                ["material"] = r.ArrayElement(new[] { "Recycled nylon", "Natural rubber", "Carbon fibre", "Polyester", "Aluminium", "TPE" }),
                ["level"] = level,
            },
            Intro = $"{brand}'s {line} {noun.ToLowerInvariant()} is made for {sport.ToLowerInvariant()}, from your first session to your personal best.",
            Highlights = [.. r.ArrayElements(Highlights, 3), $"Suits {level.ToLowerInvariant()} level"],
            Variants = variants,
            Tags = [sport.ToLowerInvariant(), level.ToLowerInvariant()],
            ImageSubject = $"{line} {noun.ToLowerInvariant()}",
            Picture = Picture(noun),
        };
    }
}
