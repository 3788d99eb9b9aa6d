using System.Text.RegularExpressions;
using Ecommerce.Core.Common;

namespace Ecommerce.Core.Shops;

/// <summary>A shop page's typeface, one of a few fixed font stacks (no font files are fetched from elsewhere).</summary>
public enum ShopFont { Modern = 0, Classic = 1, Rounded = 2, Typewriter = 3 }

/// <summary>What the shop page looks like around its sections: accent colour (#rrggbb), logo, banner and font.</summary>
public sealed partial record ShopTheme(string AccentColor, string? LogoUrl, string? BannerUrl, ShopFont Font = ShopFont.Modern)
{
    public const string DefaultAccent = "#2f6fde";

    /// <summary>The one rule for a shop's theme (the shop builder alone edits it).</summary>
    public static void Validate(string? accentColor, string? logoUrl, string? bannerUrl, ValidationErrors errors, ShopFont font = ShopFont.Modern)
    {
        if (!Enum.IsDefined(font)) errors.Add("font", "Choose one of the fonts offered.");
        if (!HexColor().IsMatch(accentColor?.Trim() ?? "")) errors.Add("accentColor", "Use a colour like #2f6fde.");
        foreach (var (url, field) in new[] { (logoUrl, "logoUrl"), (bannerUrl, "bannerUrl") })
        {
            if (!string.IsNullOrEmpty(url) && (!SafeUrl.IsSafe(url) || url.Length > 500))
                errors.Add(field, "Use an uploaded image or an http(s) address.");
        }
    }

    /// <summary>A colour safe to put in a style attribute: a plain #rrggbb, else the default.</summary>
    public static string SafeColor(string? color) => color is not null && HexColor().IsMatch(color) ? color : DefaultAccent;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
