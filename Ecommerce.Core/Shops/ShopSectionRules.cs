using Ecommerce.Core.Common;

namespace Ecommerce.Core.Shops;

/// <summary>What a shop page may contain. Text is escaped or Markdown-without-HTML when rendered; URLs are checked here.</summary>
public static class ShopSectionRules
{
    public const int MaxSections = 30;
    public const int MaxGridCount = 24;
    public const int MaxFeatured = 24;

    public static void Validate(IReadOnlyList<ShopSection> sections, ValidationErrors errors)
    {
        if (sections.Count > MaxSections) errors.Add("sections", $"A shop page has at most {MaxSections} sections.");
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            var prefix = $"sections[{i}].";
            if (!Enum.IsDefined(s.Kind)) errors.Add(prefix + "kind", "Unknown kind of section.");
            Length(s.Heading, 200, prefix + "heading", errors);
            Length(s.Text, 10_000, prefix + "text", errors);
            Length(s.ImageAlt, 200, prefix + "imageAlt", errors);
            Length(s.ButtonText, 60, prefix + "buttonText", errors);
            Url(s.ImageUrl, prefix + "imageUrl", errors);
            Url(s.ButtonUrl, prefix + "buttonUrl", errors);
            if (!string.IsNullOrWhiteSpace(s.ButtonText) != !string.IsNullOrWhiteSpace(s.ButtonUrl))
                errors.Add(prefix + "buttonUrl", "A button needs both a label and a link.");
            if (s.Kind == ShopSectionKind.FeaturedProducts && s.ProductIds.Count > MaxFeatured)
                errors.Add(prefix + "productIds", $"Pick at most {MaxFeatured} products.");
            if (s.Kind == ShopSectionKind.ProductGrid)
            {
                if (s.GridCount is < 1 or > MaxGridCount) errors.Add(prefix + "gridCount", $"Show between 1 and {MaxGridCount} products.");
                if (s.GridSource == ProductGridSource.Category && s.GridCategoryId is null) errors.Add(prefix + "gridCategoryId", "Choose a category.");
                if (s.GridSource == ProductGridSource.Tag && string.IsNullOrWhiteSpace(s.GridTag)) errors.Add(prefix + "gridTag", "Enter a tag.");
            }
        }
    }

    private static void Length(string? value, int max, string field, ValidationErrors errors)
    {
        if (value is { } v && v.Length > max) errors.Add(field, $"Too long ({max} characters at most).");
    }

    private static void Url(string? value, string field, ValidationErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(value) && (value.Length > 500 || !SafeUrl.IsSafe(value)))
            errors.Add(field, "Use a link that starts with / (this site) or http(s)://.");
    }
}
