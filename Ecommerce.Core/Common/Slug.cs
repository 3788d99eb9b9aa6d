using System.Globalization;
using System.Text;

namespace Ecommerce.Core.Common;

/// <summary>URL slugs: lower-case ASCII letters, digits and single hyphens.</summary>
public static class Slug
{
    public static string From(string text, int maxLength = 80)
    {
        // Text that cannot be normalised (U+FFFE, a broken surrogate) still makes a slug: those characters are not
        // letters, so they become hyphens like any other punctuation.
        var normalized = UnicodeText.IsWellFormed(text) ? text.Normalize(NormalizationForm.FormD) : text;
        var sb = new StringBuilder(normalized.Length);
        var lastWasHyphen = true;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(lower);
                lastWasHyphen = false;
            }
            else if (!lastWasHyphen)
            {
                sb.Append('-');
                lastWasHyphen = true;
            }
            if (sb.Length >= maxLength) break;
        }
        return sb.ToString().Trim('-');
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 100 && From(slug, 100) == slug;
}
