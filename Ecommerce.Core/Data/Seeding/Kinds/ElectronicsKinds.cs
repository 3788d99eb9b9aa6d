using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal static class Electronics
{
    public const string ParentSlug = "electronics";
    public static readonly string[] Brands = ["Voltra", "Nimbus", "Aperture Labs", "Kinetic", "Helios", "Quanta", "Orbit", "Lumen"];
    public static readonly string[] Colours = ["Silver", "Space Grey", "Midnight", "Graphite", "Frost White", "Ocean Blue", "Sage"];
}

internal sealed class LaptopKind : ProductKind
{
    private static readonly string[] Lines = ["Air", "Pro", "Book", "Studio", "Flex", "Ultra", "Edge", "Go"];
    private static readonly string[] Processors = ["Intel Core i5", "Intel Core i7", "Intel Core Ultra 7", "AMD Ryzen 5", "AMD Ryzen 7", "AMD Ryzen 9", "Snapdragon X Elite"];
    private static readonly string[] Systems = ["Windows 11", "ChromeOS", "Ubuntu Linux"];
    private static readonly string[] Ports = ["USB-C", "Thunderbolt 4", "USB-A", "HDMI", "SD card reader", "3.5 mm audio", "Ethernet"];
    private static readonly decimal[] Screens = [13.3m, 14m, 15.6m, 16m, 17.3m];
    private static readonly int[] Ram = [8, 16, 16, 32, 64];
    private static readonly int[] Storage = [256, 512, 512, 1024, 2048];

    private static readonly string[] Highlights =
    [
        "Backlit keyboard with a comfortable 1.5 mm key travel",
        "Fast charging: 50% in about 30 minutes",
        "Full HD webcam with a privacy shutter",
        "Aluminium unibody that stays cool and quiet under load",
        "Wi-Fi 7 and Bluetooth 5.4",
        "Glass trackpad with precise palm rejection",
        "Fingerprint reader built into the power button",
    ];

    public override string Slug => "laptops";
    public override string Name => "Laptops";
    public override string ParentSlug => Electronics.ParentSlug;
    public override string Description => "Ultrabooks, workstations and everyday notebooks.";
    public override IReadOnlyList<string> VariantOptions => ["Colour"];
    public override IReadOnlyList<string> Views => ["front view, lid open", "side profile", "keyboard close-up"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("processor", "Processor", Processors, required: true),
        Attr.Number("ram_gb", "Memory (RAM)", "GB", facet: true, required: true),
        Attr.Number("storage_gb", "Storage (SSD)", "GB", facet: true, required: true),
        Attr.Number("screen_in", "Screen size", "in", facet: true),
        Attr.Number("battery_hours", "Battery life", "h"),
        Attr.Number("weight_kg", "Weight", "kg"),
        Attr.Choice("os", "Operating system", Systems),
        Attr.List("ports", "Ports", Ports),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var brand = r.ArrayElement(Electronics.Brands);
        var line = r.ArrayElement(Lines);
        var screen = r.ArrayElement(Screens);
        var ram = r.ArrayElement(Ram);
        var storage = r.ArrayElement(Storage);
        var cpu = r.ArrayElement(Processors);
        var battery = r.Number(6, 22);
        var weight = Math.Round(0.9m + (screen - 13m) * 0.25m + r.Decimal(0m, 0.4m), 2);
        var price = 320m + ram * 14m + storage * 0.35m + (screen - 13m) * 60m + r.Decimal(0m, 300m);

        return new ProductDraft
        {
            Name = $"{brand} {line} {Num(Math.Floor(screen))} Laptop, {ram} GB RAM, {StorageText(storage)} SSD",
            Brand = brand,
            BasePrice = price,
            Attributes = new()
            {
                ["processor"] = cpu, ["ram_gb"] = Num(ram), ["storage_gb"] = Num(storage), ["screen_in"] = Num(screen),
                ["battery_hours"] = Num(battery), ["weight_kg"] = Num(weight), ["os"] = r.ArrayElement(Systems),
                ["ports"] = ListOf(Some(r, Ports, 2, 5)),
            },
            Intro = $"The {brand} {line} pairs a {cpu} with {ram} GB of memory and a {Num(screen)}-inch display, in a body that weighs {Num(weight)} kg. " +
                    $"Up to {battery} hours of battery means a full working day away from the plug.",
            Highlights = [.. r.ArrayElements(Highlights, 4)],
            Variants = Single("Colour", Some(r, Electronics.Colours, 1, 2)),
            Tags = ["laptop", $"{ram}gb ram", line.ToLowerInvariant()],
            ImageSubject = $"{brand} {line} {Num(screen)}-inch laptop",
        };
    }

    private static string StorageText(int gb) => gb >= 1024 ? $"{gb / 1024} TB" : $"{gb} GB";
}

internal sealed class PhoneKind : ProductKind
{
    private static readonly string[] Models = ["X", "S", "Nova", "Neo", "Edge", "Pulse", "Zen"];
    private static readonly string[] Suffixes = ["", " Pro", " Plus", " Lite", " Max", " Mini"];
    private static readonly string[] Systems = ["Android 15", "Android 16"];

    private static readonly string[] Highlights =
    [
        "120 Hz OLED display, bright enough to read in direct sun",
        "Seven years of security updates",
        "IP68 dust and water resistance",
        "Wireless and reverse wireless charging",
        "Night mode that makes low-light photos usable",
        "Optical image stabilisation on the main camera",
        "Stereo speakers tuned for clear voices",
    ];

    public override string Slug => "phones";
    public override string Name => "Phones";
    public override string ParentSlug => Electronics.ParentSlug;
    public override string Description => "Smartphones unlocked for every carrier.";
    public override IReadOnlyList<string> VariantOptions => ["Storage", "Colour"];
    public override IReadOnlyList<string> Views => ["front view", "back view, cameras", "side view"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Number("ram_gb", "Memory (RAM)", "GB", facet: true),
        Attr.Number("screen_in", "Screen size", "in", facet: true),
        Attr.Number("battery_mah", "Battery capacity", "mAh"),
        Attr.Number("battery_hours", "Battery life (video)", "h"),
        Attr.Number("camera_mp", "Main camera", "MP"),
        Attr.Choice("os", "Operating system", Systems),
        Attr.YesNo("has_5g", "5G"),
        Attr.YesNo("dual_sim", "Dual SIM", facet: false),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var brand = r.ArrayElement(Electronics.Brands);
        var model = $"{r.ArrayElement(Models)}{r.Number(5, 20)}{r.ArrayElement(Suffixes)}";
        var screen = Math.Round(r.Decimal(5.8m, 6.9m), 1);
        var ram = r.ArrayElement(new[] { 6, 8, 8, 12, 16 });
        var has5G = r.Bool(0.8f);
        var storages = new[] { ("128 GB", 0m), ("256 GB", 100m), ("512 GB", 250m) }.Take(r.Number(1, 3));
        var colours = Some(r, Electronics.Colours, 1, 3);

        return new ProductDraft
        {
            Name = $"{brand} {model} Smartphone",
            Brand = brand,
            BasePrice = 150m + ram * 30m + r.Decimal(0m, 600m),
            Attributes = new()
            {
                ["ram_gb"] = Num(ram), ["screen_in"] = Num(screen), ["battery_mah"] = Num(r.Number(38, 55) * 100),
                ["battery_hours"] = Num(r.Number(18, 32)), ["camera_mp"] = Num(r.ArrayElement(new[] { 12, 48, 50, 64, 108, 200 })),
                ["os"] = r.ArrayElement(Systems), ["has_5g"] = YesNo(has5G), ["dual_sim"] = YesNo(r.Bool()),
            },
            Intro = $"The {brand} {model} has a {Num(screen)}-inch screen, {ram} GB of RAM and a camera system that keeps up with your life. " +
                    (has5G ? "5G connectivity means downloads finish before you notice them." : "A sensible phone for people who want it to just work."),
            Highlights = [.. r.ArrayElements(Highlights, 4)],
            Variants = Combine("Colour", colours, "Storage", storages),
            Tags = ["smartphone", .. has5G ? new[] { "5g" } : [], "unlocked"],
            ImageSubject = $"{colours[0]} {brand} {model} smartphone",
        };
    }
}

internal sealed class HeadphonesKind : ProductKind
{
    private static readonly string[] Types = ["Over-ear", "On-ear", "In-ear", "Earbuds"];
    private static readonly string[] Bluetooth = ["5.0", "5.2", "5.3", "5.4"];
    private static readonly string[] Models = ["Aura", "Echo", "Tempo", "Quiet", "Studio", "Pulse", "Halo", "Drift"];

    private static readonly string[] Highlights =
    [
        "Multipoint pairing: switch between laptop and phone without re-pairing",
        "Soft memory-foam cushions for long listening sessions",
        "Transparency mode lets you hear announcements without taking them off",
        "USB-C fast charge: 10 minutes for 5 hours of play",
        "Foldable design with a hard travel case",
        "Companion app with a custom EQ",
    ];

    public override string Slug => "headphones";
    public override string Name => "Headphones";
    public override string ParentSlug => Electronics.ParentSlug;
    public override string Description => "Wireless headphones, earbuds and studio monitors.";
    public override IReadOnlyList<string> VariantOptions => ["Colour"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Choice("type", "Type", Types, required: true),
        Attr.YesNo("wireless", "Wireless"),
        Attr.YesNo("noise_cancelling", "Active noise cancelling"),
        Attr.Number("battery_hours", "Battery life", "h", facet: true),
        Attr.Number("driver_mm", "Driver size", "mm"),
        Attr.Choice("bluetooth", "Bluetooth version", Bluetooth, facet: false),
        Attr.Number("weight_g", "Weight", "g"),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var brand = r.ArrayElement(Electronics.Brands);
        var type = r.ArrayElement(Types);
        var wireless = r.Bool(0.85f);
        var anc = wireless && r.Bool(0.6f);
        var model = $"{r.ArrayElement(Models)} {r.Number(1, 9)}";
        var noun = type is "Earbuds" or "In-ear" ? "Earbuds" : "Headphones";
        var colours = Some(r, Electronics.Colours, 1, 3);
        var name = $"{brand} {model} {(anc ? "Noise-Cancelling " : wireless ? "Wireless " : "")}{type} {noun}".Replace("Earbuds Earbuds", "Earbuds");

        return new ProductDraft
        {
            Name = name,
            Brand = brand,
            BasePrice = 25m + (anc ? 120m : 0m) + (wireless ? 30m : 0m) + r.Decimal(0m, 180m),
            Attributes = new()
            {
                ["type"] = type, ["wireless"] = YesNo(wireless), ["noise_cancelling"] = YesNo(anc),
                ["battery_hours"] = Num(wireless ? r.Number(6, 60) : 0), ["driver_mm"] = Num(noun == "Earbuds" ? r.Number(6, 12) : r.Number(30, 50)),
                ["bluetooth"] = r.ArrayElement(Bluetooth), ["weight_g"] = Num(noun == "Earbuds" ? r.Number(4, 8) : r.Number(180, 320)),
            },
            Intro = $"{brand} tuned the {model} for detail without fatigue: a balanced sound that suits podcasts as well as a full orchestra." +
                    (anc ? " Adaptive noise cancelling quiets trains, planes and open-plan offices." : ""),
            Highlights = [.. r.ArrayElements(Highlights, 3)],
            Variants = Single("Colour", colours),
            Tags = [noun.ToLowerInvariant(), .. wireless ? new[] { "wireless" } : [], .. anc ? new[] { "noise cancelling" } : []],
            ImageSubject = $"{colours[0]} {type.ToLowerInvariant()} {noun.ToLowerInvariant()}",
        };
    }
}
