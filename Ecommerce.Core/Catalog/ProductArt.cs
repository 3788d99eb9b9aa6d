using System.Globalization;
using System.Text;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// Pictures the platform draws itself, so the demo catalogue has images without shipping or downloading any:
/// a deterministic SVG per (kind, seed) — a soft gradient from a palette, a few background shapes and a simple
/// icon of the product kind. The same seed always gives the same picture, so the URLs can be cached forever.
/// Everything in the SVG comes from constants and numbers: no user text is ever rendered.
/// </summary>
public static class ProductArt
{
    public const string UrlPrefix = "/images/generated";
    public const string ShopLogoKind = "shop-logo";
    public const string ShopBannerKind = "shop-banner";

    public static string ImageUrl(string kind, int seed) => $"{UrlPrefix}/{kind}/{seed.ToString(CultureInfo.InvariantCulture)}.svg";
    public static string ShopLogoUrl(int shopId) => ImageUrl(ShopLogoKind, shopId);
    public static string ShopBannerUrl(int shopId) => ImageUrl(ShopBannerKind, shopId);

    /// <summary>The product kinds that have an icon (the demo category slugs, and items drawn apart from their category's icon).</summary>
    public static IEnumerable<string> ProductKinds => Icons.Keys;

    /// <summary>A category tile's picture: its own icon, or the catch-all's for a category an admin added later.</summary>
    public static string CategoryImageUrl(string categorySlug) =>
        ImageUrl(Icons.ContainsKey(categorySlug) ? categorySlug : ProductCommands.OtherCategorySlug, 0);

    public static bool IsKnownKind(string kind) => Icons.ContainsKey(kind) || kind is ShopLogoKind or ShopBannerKind;

    /// <summary>The SVG for a kind and seed, or null when the kind is unknown.</summary>
    public static string? Render(string kind, int seed)
    {
        if (kind == ShopLogoKind) return RenderLogo(seed);
        if (kind == ShopBannerKind) return RenderBanner(seed);
        return Icons.TryGetValue(kind, out var icon) ? RenderProduct(icon, seed) : null;
    }

    private static readonly (string From, string To)[] Backgrounds =
    [
        ("#ffecd2", "#fcb69f"), ("#a1c4fd", "#c2e9fb"), ("#d4fc79", "#96e6a1"), ("#fbc2eb", "#a6c1ee"),
        ("#fdfbfb", "#ebedee"), ("#e0c3fc", "#8ec5fc"), ("#f6d365", "#fda085"), ("#84fab0", "#8fd3f4"),
        ("#cfd9df", "#e2ebf0"), ("#fddb92", "#d1fdff"), ("#c1dfc4", "#deecdd"), ("#ff9a9e", "#fecfef"),
    ];

    private static readonly (string Ink, string Light)[] Inks =
    [
        ("#1f3a5f", "#9fb8d6"), ("#8a2c3b", "#e7a3ae"), ("#2f5d50", "#a7d3c4"), ("#5b3f8c", "#c7b4e6"),
        ("#9a4f12", "#f1c39a"), ("#334155", "#cbd5e1"), ("#0f766e", "#99e1d9"), ("#7c2d12", "#f3b48f"),
    ];

    // Icons in a 200×200 box; "INK" and "LIGHT" are replaced by the chosen colours.
    private static readonly Dictionary<string, string> Icons = new(StringComparer.Ordinal)
    {
        ["clothing"] = """<path d="M70 30 L48 38 L18 62 L34 88 L52 77 L52 172 L148 172 L148 77 L166 88 L182 62 L152 38 L130 30 Q100 52 70 30 Z" fill="INK"/><path d="M70 30 Q100 52 130 30 Q100 64 70 30 Z" fill="LIGHT"/>""",
        ["shoes"] = """<path d="M18 128 L18 92 Q18 82 28 82 L66 82 L94 58 Q104 52 112 60 L136 88 Q176 98 182 120 L182 132 Q182 138 176 138 L24 138 Q18 138 18 128 Z" fill="INK"/><rect x="14" y="134" width="172" height="14" rx="7" fill="LIGHT"/><path d="M98 72 L112 84 M90 80 L104 92 M82 88 L96 100" stroke="LIGHT" stroke-width="5" stroke-linecap="round"/>""",
        ["laptops"] = """<rect x="38" y="42" width="124" height="84" rx="7" fill="INK"/><rect x="46" y="50" width="108" height="68" rx="3" fill="LIGHT"/><path d="M18 132 L182 132 L172 150 L28 150 Z" fill="INK"/>""",
        ["phones"] = """<rect x="64" y="22" width="72" height="156" rx="14" fill="INK"/><rect x="71" y="38" width="58" height="118" rx="4" fill="LIGHT"/><circle cx="100" cy="167" r="5" fill="LIGHT"/>""",
        ["headphones"] = """<path d="M44 112 Q44 38 100 38 Q156 38 156 112" fill="none" stroke="INK" stroke-width="12" stroke-linecap="round"/><rect x="28" y="100" width="34" height="58" rx="13" fill="INK"/><rect x="138" y="100" width="34" height="58" rx="13" fill="INK"/><rect x="36" y="110" width="18" height="38" rx="8" fill="LIGHT"/><rect x="146" y="110" width="18" height="38" rx="8" fill="LIGHT"/>""",
        ["food"] = """<rect x="64" y="30" width="72" height="20" rx="5" fill="INK"/><rect x="54" y="52" width="92" height="120" rx="20" fill="INK"/><rect x="54" y="88" width="92" height="48" fill="LIGHT"/><circle cx="100" cy="112" r="14" fill="INK"/>""",
        ["books"] = """<rect x="36" y="132" width="128" height="26" rx="3" fill="INK"/><rect x="48" y="104" width="108" height="26" rx="3" fill="LIGHT"/><rect x="42" y="76" width="114" height="26" rx="3" fill="INK"/><rect x="56" y="48" width="96" height="26" rx="3" fill="LIGHT"/><path d="M48 145 L150 145 M54 89 L146 89" stroke="LIGHT" stroke-width="3"/>""",
        ["furniture"] = """<rect x="50" y="38" width="100" height="70" rx="14" fill="INK"/><rect x="40" y="98" width="120" height="36" rx="10" fill="LIGHT"/><rect x="28" y="78" width="24" height="62" rx="9" fill="INK"/><rect x="148" y="78" width="24" height="62" rx="9" fill="INK"/><rect x="44" y="136" width="9" height="28" rx="3" fill="INK"/><rect x="147" y="136" width="9" height="28" rx="3" fill="INK"/>""",
        ["beauty"] = """<path d="M94 58 L94 36 L132 36 L132 45 L104 45 L104 58 Z" fill="INK"/><rect x="86" y="56" width="28" height="22" rx="4" fill="INK"/><rect x="66" y="76" width="68" height="100" rx="16" fill="INK"/><rect x="76" y="104" width="48" height="40" rx="6" fill="LIGHT"/>""",
        ["toys"] = """<rect x="38" y="114" width="54" height="54" rx="7" fill="INK"/><rect x="98" y="114" width="54" height="54" rx="7" fill="LIGHT"/><rect x="66" y="58" width="54" height="54" rx="7" fill="INK"/><circle cx="82" cy="52" r="6" fill="INK"/><circle cx="104" cy="52" r="6" fill="INK"/><circle cx="54" cy="108" r="6" fill="INK"/><circle cx="76" cy="108" r="6" fill="INK"/><circle cx="114" cy="108" r="6" fill="LIGHT"/><circle cx="136" cy="108" r="6" fill="LIGHT"/>""",
        ["sports"] = """<circle cx="100" cy="100" r="66" fill="INK"/><path d="M34 100 L166 100 M100 34 L100 166 M54 52 Q82 100 54 148 M146 52 Q118 100 146 148" fill="none" stroke="LIGHT" stroke-width="5"/>""",
        ["home-kitchen"] = """<rect x="46" y="66" width="88" height="100" rx="12" fill="INK"/><path d="M134 88 Q170 88 170 116 Q170 144 134 144" fill="none" stroke="INK" stroke-width="13"/><rect x="58" y="92" width="64" height="30" rx="6" fill="LIGHT"/><path d="M72 56 Q64 44 72 32 M92 56 Q84 44 92 32 M112 56 Q104 44 112 32" fill="none" stroke="LIGHT" stroke-width="5" stroke-linecap="round"/>""",
        // Pictures of particular items, so each product is drawn as what it is (joggers as trousers, not a T-shirt).
        ["trousers"] = """<path d="M62 28 L138 28 L152 174 L112 174 L100 78 L88 174 L48 174 Z" fill="INK"/><rect x="62" y="28" width="76" height="14" fill="LIGHT"/>""",
        ["shorts"] = """<path d="M52 52 L148 52 L162 142 L110 148 L100 98 L90 148 L38 142 Z" fill="INK"/><rect x="52" y="52" width="96" height="14" fill="LIGHT"/>""",
        ["jacket"] = """<path d="M70 28 L40 40 L22 160 L48 164 L56 82 L56 174 L144 174 L144 82 L152 164 L178 160 L160 40 L130 28 Q100 46 70 28 Z" fill="INK"/><path d="M100 44 L100 174" stroke="LIGHT" stroke-width="5"/><rect x="66" y="116" width="22" height="6" rx="3" fill="LIGHT"/><rect x="112" y="116" width="22" height="6" rx="3" fill="LIGHT"/>""",
        ["yoga-mat"] = """<path d="M18 160 L118 160 L150 124 L50 124 Z" fill="LIGHT"/><rect x="104" y="60" width="80" height="64" rx="32" fill="INK"/><circle cx="152" cy="92" r="22" fill="LIGHT"/><circle cx="152" cy="92" r="9" fill="INK"/>""",
        ["helmet"] = """<path d="M28 132 Q28 52 108 46 Q176 48 180 120 L180 132 Z" fill="INK"/><path d="M62 82 L90 64 M98 58 L130 56 M140 62 L162 86" stroke="LIGHT" stroke-width="8" stroke-linecap="round"/><rect x="22" y="128" width="164" height="12" rx="6" fill="LIGHT"/>""",
        ["trekking-poles"] = """<path d="M70 30 L90 176 M130 30 L110 176" stroke="INK" stroke-width="7" stroke-linecap="round"/><rect x="60" y="20" width="18" height="44" rx="7" fill="INK"/><rect x="122" y="20" width="18" height="44" rx="7" fill="INK"/><ellipse cx="87" cy="156" rx="15" ry="5" fill="LIGHT"/><ellipse cx="113" cy="156" rx="15" ry="5" fill="LIGHT"/>""",
        ["dumbbell"] = """<rect x="56" y="92" width="88" height="16" rx="6" fill="INK"/><rect x="30" y="62" width="26" height="76" rx="6" fill="INK"/><rect x="144" y="62" width="26" height="76" rx="6" fill="INK"/><rect x="16" y="76" width="14" height="48" rx="5" fill="LIGHT"/><rect x="170" y="76" width="14" height="48" rx="5" fill="LIGHT"/>""",
        ["resistance-band"] = """<ellipse cx="100" cy="100" rx="72" ry="30" fill="none" stroke="INK" stroke-width="11"/><ellipse cx="100" cy="100" rx="40" ry="64" fill="none" stroke="LIGHT" stroke-width="11"/>""",
        ["racket"] = """<ellipse cx="100" cy="72" rx="46" ry="56" fill="none" stroke="INK" stroke-width="10"/><path d="M62 50 L138 50 M56 72 L144 72 M62 94 L138 94 M80 22 L80 122 M100 18 L100 128 M120 22 L120 122" stroke="LIGHT" stroke-width="3"/><rect x="93" y="126" width="14" height="58" rx="6" fill="INK"/>""",
        ["football"] = """<circle cx="100" cy="100" r="66" fill="INK"/><polygon points="100,74 126,93 116,123 84,123 74,93" fill="LIGHT"/><path d="M100 74 L100 40 M126 93 L158 82 M116 123 L136 152 M84 123 L64 152 M74 93 L42 82" stroke="LIGHT" stroke-width="5"/>""",
        ["backpack"] = """<path d="M78 48 Q78 22 100 22 Q122 22 122 48" fill="none" stroke="INK" stroke-width="9"/><rect x="52" y="44" width="96" height="132" rx="26" fill="INK"/><rect x="66" y="112" width="68" height="46" rx="10" fill="LIGHT"/>""",
        ["tent"] = """<path d="M18 162 L100 38 L182 162 Z" fill="INK"/><path d="M100 84 L72 162 L128 162 Z" fill="LIGHT"/>""",
        ["jump-rope"] = """<path d="M50 64 Q100 210 150 64" fill="none" stroke="INK" stroke-width="6"/><rect x="40" y="20" width="20" height="50" rx="8" fill="INK"/><rect x="140" y="20" width="20" height="50" rx="8" fill="INK"/>""",
        ["foam-roller"] = """<rect x="26" y="70" width="148" height="60" rx="30" fill="INK"/><path d="M58 72 L58 128 M88 72 L88 128 M118 72 L118 128 M148 74 L148 126" stroke="LIGHT" stroke-width="6"/>""",
        ["sleeping-bag"] = """<rect x="56" y="24" width="88" height="156" rx="40" fill="INK"/><ellipse cx="100" cy="60" rx="28" ry="22" fill="LIGHT"/><path d="M62 110 L138 110" stroke="LIGHT" stroke-width="5"/>""",
        // Home and kitchen items (the category's own icon is a mug).
        ["knife"] = """<path d="M60 80 L188 86 Q166 126 60 130 Z" fill="LIGHT" stroke="INK" stroke-width="5" stroke-linejoin="round"/><rect x="54" y="76" width="14" height="58" rx="4" fill="INK"/><rect x="10" y="90" width="48" height="30" rx="12" fill="INK"/><circle cx="24" cy="105" r="4" fill="LIGHT"/><circle cx="42" cy="105" r="4" fill="LIGHT"/>""",
        ["frying-pan"] = """<circle cx="80" cy="104" r="62" fill="INK"/><circle cx="80" cy="104" r="48" fill="LIGHT"/><rect x="136" y="95" width="58" height="18" rx="9" fill="INK"/><circle cx="180" cy="104" r="4" fill="LIGHT"/>""",
        ["dutch-oven"] = """<rect x="36" y="86" width="128" height="76" rx="24" fill="INK"/><path d="M28 88 Q100 40 172 88 Z" fill="LIGHT"/><rect x="86" y="48" width="28" height="16" rx="7" fill="INK"/><rect x="16" y="100" width="26" height="16" rx="8" fill="INK"/><rect x="158" y="100" width="26" height="16" rx="8" fill="INK"/>""",
        ["saucepan"] = """<rect x="22" y="82" width="106" height="80" rx="14" fill="INK"/><rect x="16" y="74" width="118" height="14" rx="7" fill="LIGHT"/><rect x="126" y="86" width="66" height="14" rx="7" fill="INK"/><path d="M40 112 L110 112" stroke="LIGHT" stroke-width="5" stroke-linecap="round"/>""",
        ["food-storage"] = """<rect x="36" y="84" width="128" height="78" rx="14" fill="LIGHT" stroke="INK" stroke-width="7"/><rect x="26" y="64" width="148" height="24" rx="9" fill="INK"/><rect x="46" y="80" width="16" height="24" rx="5" fill="INK"/><rect x="138" y="80" width="16" height="24" rx="5" fill="INK"/><path d="M52 140 L148 140" stroke="INK" stroke-width="4" stroke-linecap="round"/>""",
        ["cutting-board"] = """<rect x="18" y="50" width="138" height="108" rx="14" fill="INK"/><path d="M152 84 L178 84 Q190 84 190 96 L190 112 Q190 124 178 124 L152 124 Z" fill="INK"/><circle cx="174" cy="104" r="8" fill="LIGHT"/><path d="M18 86 L156 86 M18 122 L156 122 M64 50 L64 158 M110 50 L110 158" stroke="LIGHT" stroke-width="3"/>""",
        ["french-press"] = """<rect x="58" y="58" width="74" height="106" rx="6" fill="LIGHT" stroke="INK" stroke-width="6"/><rect x="64" y="112" width="62" height="48" fill="INK"/><rect x="50" y="44" width="90" height="16" rx="6" fill="INK"/><rect x="91" y="22" width="8" height="24" fill="INK"/><circle cx="95" cy="20" r="10" fill="INK"/><path d="M132 74 L156 74 Q164 74 164 82 L164 138 Q164 146 156 146 L132 146" fill="none" stroke="INK" stroke-width="10"/><rect x="50" y="162" width="90" height="12" rx="5" fill="INK"/>""",
        ["kettle"] = """<path d="M62 62 L138 62 L156 160 L44 160 Z" fill="INK" stroke="INK" stroke-width="8" stroke-linejoin="round"/><rect x="34" y="158" width="132" height="16" rx="7" fill="LIGHT"/><path d="M140 72 Q184 76 172 136 L154 138" fill="none" stroke="INK" stroke-width="12" stroke-linecap="round"/><path d="M58 84 L24 62 L30 84 L52 112 Z" fill="INK"/><rect x="72" y="92" width="12" height="52" rx="6" fill="LIGHT"/><rect x="76" y="48" width="48" height="16" rx="7" fill="INK"/>""",
        ["tablecloth"] = """<rect x="22" y="64" width="156" height="14" rx="6" fill="LIGHT"/><path d="M26 74 L174 74 L170 148 Q152 140 136 152 Q118 140 100 152 Q82 140 64 152 Q48 140 30 148 Z" fill="INK"/><path d="M58 78 L54 142 M100 78 L100 144 M142 78 L146 142" stroke="LIGHT" stroke-width="4"/><rect x="40" y="150" width="10" height="28" rx="3" fill="INK"/><rect x="150" y="150" width="10" height="28" rx="3" fill="INK"/>""",
        ["towels"] = """<rect x="30" y="124" width="140" height="40" rx="20" fill="INK"/><rect x="40" y="84" width="120" height="40" rx="20" fill="LIGHT"/><rect x="50" y="44" width="100" height="40" rx="20" fill="INK"/><path d="M128 128 L128 160 M138 128 L138 160 M124 48 L124 80 M134 48 L134 80" stroke="LIGHT" stroke-width="4"/><path d="M130 88 L130 120 M140 88 L140 120" stroke="INK" stroke-width="4"/>""",
        ["candle"] = """<rect x="52" y="80" width="96" height="94" rx="16" fill="INK"/><rect x="62" y="108" width="76" height="42" rx="6" fill="LIGHT"/><path d="M100 80 L100 62" stroke="INK" stroke-width="4"/><path d="M100 18 Q126 48 100 66 Q74 48 100 18 Z" fill="INK"/><path d="M100 40 Q111 54 100 62 Q89 54 100 40 Z" fill="LIGHT"/>""",
        ["bowl"] = """<path d="M20 88 L180 88 Q174 154 100 160 Q26 154 20 88 Z" fill="INK"/><ellipse cx="100" cy="88" rx="80" ry="14" fill="LIGHT"/><rect x="68" y="154" width="64" height="14" rx="6" fill="INK"/><path d="M34 116 Q100 134 166 116" fill="none" stroke="LIGHT" stroke-width="5"/>""",
        // The parent categories' tiles, and the catch-all category of products registered without one.
        ["fashion"] = """<path d="M100 44 Q100 26 114 28 Q126 34 116 48 L100 62 L26 128 Q18 140 32 140 L168 140 Q182 140 174 128 L100 62" fill="none" stroke="INK" stroke-width="9" stroke-linejoin="round"/><rect x="44" y="140" width="112" height="10" rx="5" fill="LIGHT"/>""",
        ["electronics"] = """<rect x="24" y="36" width="152" height="102" rx="8" fill="INK"/><rect x="34" y="46" width="132" height="82" rx="3" fill="LIGHT"/><rect x="88" y="138" width="24" height="22" fill="INK"/><rect x="60" y="158" width="80" height="10" rx="5" fill="INK"/>""",
        ["other"] = """<path d="M100 28 L170 60 L170 140 L100 172 L30 140 L30 60 Z" fill="INK"/><path d="M30 60 L100 92 L170 60 M100 92 L100 172" stroke="LIGHT" stroke-width="6" fill="none"/>""",
    };

    private static string RenderProduct(string icon, int seed)
    {
        var rng = new Mixer(seed);
        var (from, to) = Backgrounds[rng.Next(Backgrounds.Length)];
        var (ink, light) = Inks[rng.Next(Inks.Length)];
        var sb = Open(800, 800, from, to, rng.Next(360));
        for (var i = 0; i < 4; i++) // soft shapes behind the product
            sb.Append(F($"""<circle cx="{rng.Next(800)}" cy="{rng.Next(800)}" r="{60 + rng.Next(220)}" fill="#ffffff" fill-opacity="0.{18 + rng.Next(20)}"/>"""));
        var scale = 2.7 + rng.Next(40) / 100.0;
        var angle = rng.Next(17) - 8;
        var dx = 400 - 100 * scale + rng.Next(41) - 20;
        var dy = 390 - 100 * scale + rng.Next(41) - 20;
        sb.Append(F($"""<ellipse cx="400" cy="{(int)(dy + 180 * scale)}" rx="{(int)(85 * scale)}" ry="18" fill="#000000" fill-opacity="0.10"/>"""));
        sb.Append(F($"""<g transform="translate({dx:0.#} {dy:0.#}) rotate({angle} 100 100) scale({scale:0.##})">"""));
        sb.Append(icon.Replace("INK", ink).Replace("LIGHT", light));
        return sb.Append("</g></svg>").ToString();
    }

    private static string RenderLogo(int seed)
    {
        var rng = new Mixer(seed);
        var (from, to) = Backgrounds[rng.Next(Backgrounds.Length)];
        var (ink, light) = Inks[rng.Next(Inks.Length)];
        var sb = Open(256, 256, from, to, rng.Next(360));
        var points = 3 + rng.Next(4); // a simple emblem: a regular polygon inside a ring
        var polygon = string.Join(" ", Enumerable.Range(0, points).Select(i =>
        {
            var a = 2 * Math.PI * i / points - Math.PI / 2;
            return F($"{128 + 62 * Math.Cos(a):0.#},{128 + 62 * Math.Sin(a):0.#}");
        }));
        sb.Append(F($"""<circle cx="128" cy="128" r="96" fill="none" stroke="{ink}" stroke-width="14"/><polygon points="{polygon}" fill="{ink}"/><circle cx="128" cy="128" r="22" fill="{light}"/>"""));
        return sb.Append("</svg>").ToString();
    }

    private static string RenderBanner(int seed)
    {
        var rng = new Mixer(seed);
        var (from, to) = Backgrounds[rng.Next(Backgrounds.Length)];
        var (ink, light) = Inks[rng.Next(Inks.Length)];
        var sb = Open(1600, 400, from, to, rng.Next(360));
        for (var i = 0; i < 6; i++)
            sb.Append(F($"""<circle cx="{rng.Next(1600)}" cy="{rng.Next(400)}" r="{40 + rng.Next(160)}" fill="{(i % 2 == 0 ? light : "#ffffff")}" fill-opacity="0.35"/>"""));
        var h = 250 + rng.Next(60);
        sb.Append(F($"""<path d="M0 {h} C400 {h - 90} 800 {h + 90} 1600 {h - 40} L1600 400 L0 400 Z" fill="{ink}" fill-opacity="0.85"/>"""));
        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(int width, int height, string from, string to, int angle) =>
        new StringBuilder(2048).Append(F($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img"><defs><linearGradient id="bg" gradientTransform="rotate({angle} 0.5 0.5)"><stop offset="0" stop-color="{from}"/><stop offset="1" stop-color="{to}"/></linearGradient></defs><rect width="{width}" height="{height}" fill="url(#bg)"/>"""));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A tiny fixed PRNG (SplitMix64): the pictures must not change if System.Random ever does.</summary>
    private struct Mixer(int seed)
    {
        private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;

        public int Next(int max)
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) % (ulong)max);
        }
    }
}
