using System.Globalization;
using System.Text;

namespace Ecommerce.Core.Search;

/// <summary>
/// Turns what a shopper typed into the words searched for. Only runs of letters and digits survive, each looked up
/// as one exact term, so quotes, brackets, '*', '-', AND, OR, field names and emoji can never change the query's
/// meaning or make it fail: user text is never parsed as query syntax.
/// </summary>
public static class QueryText
{
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    public static IReadOnlyList<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return terms;
        Span<char> buffer = stackalloc char[MaxTermLength];
        foreach (var term in EnumerateTerms(text.Length > 500 ? text[..(char.IsHighSurrogate(text[499]) ? 499 : 500)] : text, buffer))
        {
            terms.Add(term.ToString());
            if (terms.Count >= MaxTerms) break;
        }
        return terms;
    }

    /// <summary>
    /// The terms of a text, as the index's vocabulary and the queries both see them: runs of letters and digits,
    /// lower-cased, accents removed, each cut to <see cref="MaxTermLength"/>. Each term is written into
    /// <paramref name="buffer"/> (at least <see cref="MaxTermLength"/> long) and is valid until the next one, so
    /// counting the words of every product of a rebuild allocates nothing for words already seen.
    /// </summary>
    public static TermEnumerator EnumerateTerms(string? text, Span<char> buffer) => new(text ?? "", buffer);

    public ref struct TermEnumerator
    {
        private readonly string _text;
        private readonly Span<char> _buffer;
        private int _at, _length;

        internal TermEnumerator(string text, Span<char> buffer)
        {
            if (buffer.Length < MaxTermLength) throw new ArgumentException($"The buffer must hold {MaxTermLength} characters.", nameof(buffer));
            // Accents are split from their letters and then skipped (é → e); ASCII text is already in that form.
            _text = Ascii.IsValid(text) ? text : Decomposed(text);
            _buffer = buffer;
        }

        private static string Decomposed(string text)
        {
            try
            {
                return text.Normalize(NormalizationForm.FormD);
            }
            catch (ArgumentException)
            {
                return text; // broken text (a lone surrogate) cannot be normalised; its letters and digits still count
            }
        }

        public readonly ReadOnlySpan<char> Current => _buffer[.._length];

        public readonly TermEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            _length = 0;
            var inTerm = false;
            for (; _at < _text.Length; _at++)
            {
                var c = _text[_at];
                if (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
                if (char.IsLetterOrDigit(c) && c < 0x2000)
                {
                    inTerm = true;
                    if (_length < MaxTermLength) _buffer[_length++] = char.ToLowerInvariant(c);
                }
                else if (inTerm) break;
            }
            return inTerm;
        }
    }
}
