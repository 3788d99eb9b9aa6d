using System.Globalization;
using System.Text;

namespace Ecommerce.Core.Search;

/// <summary>
/// Turns what a shopper typed into a safe FTS5 query. Only runs of letters and digits survive, each becomes a
/// quoted term, so quotes, brackets, '*', '-', NEAR, AND, column filters and emoji can never change the query's
/// meaning or make it fail: user text never reaches MATCH unescaped.
/// </summary>
public static class QueryText
{
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    public static IReadOnlyList<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return terms;
        var normalized = text.Length > 500 ? text[..500] : text;
        normalized = normalized.Normalize(NormalizationForm.FormD);
        var current = new StringBuilder();
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c) && c < 0x2000) current.Append(char.ToLowerInvariant(c));
            else Flush();
            if (terms.Count >= MaxTerms) break;
        }
        Flush();
        return terms;

        void Flush()
        {
            if (current.Length > 0 && terms.Count < MaxTerms) terms.Add(current.Length > MaxTermLength ? current.ToString(0, MaxTermLength) : current.ToString());
            current.Clear();
        }
    }

    /// <summary>All terms must match; the last one also as a prefix (the shopper may still be typing).</summary>
    public static string? ToMatch(IReadOnlyList<string> terms, bool lastIsPrefix = false)
    {
        if (terms.Count == 0) return null;
        return string.Join(" AND ", terms.Select((t, i) => lastIsPrefix && i == terms.Count - 1 ? $"\"{t}\"*" : $"\"{t}\""));
    }
}
