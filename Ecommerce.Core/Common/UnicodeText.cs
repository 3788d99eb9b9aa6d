namespace Ecommerce.Core.Common;

/// <summary>
/// Text that every layer can store, normalise and look up. .NET's Unicode normalisation (slugs, Identity's
/// email and user-name lookups) throws on noncharacters such as U+FFFE and on unpaired surrogates, and PostgreSQL
/// rejects NUL in text, so such input is refused as a validation error instead of failing deep inside.
/// </summary>
public static class UnicodeText
{
    public const string Problem = "contains a character that is not valid text (NUL, U+FFFE, U+FFFF or a broken surrogate pair)";

    public static bool IsWellFormed(string? text)
    {
        if (text is null) return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || c is >= '\uFDD0' and <= '\uFDEF' || c is '\uFFFE' or '\uFFFF') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                var code = char.ConvertToUtf32(c, text[++i]);
                if ((code & 0xFFFE) == 0xFFFE) return false; // U+1FFFE, U+1FFFF... are noncharacters too
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
