using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Ecommerce.Core.Search;

/// <summary>
/// How the index and the queries split text into terms. Both follow <see cref="QueryText"/>'s rule (runs of letters
/// and digits, lower-cased, accents removed, each cut to <see cref="QueryText.MaxTermLength"/>), so a word a shopper
/// types always meets the same word in a product. The searched fields are also stemmed (Porter: "lamps" finds
/// "lamp"); suggestions and "did you mean" read unstemmed words, as they were written.
/// </summary>
internal static class SearchAnalysis
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Per field: stemmed for the searched fields, plain words for <see cref="SearchFields.NameWords"/> and <see cref="SearchFields.Spelling"/>.</summary>
    public static readonly Analyzer Analyzer = Analyzer.NewAnonymous(
        (field, reader) =>
        {
            var tokenizer = new WordTokenizer(reader);
            TokenStream stream = new TruncateTokenFilter(tokenizer, QueryText.MaxTermLength);
            if (field is not (SearchFields.NameWords or SearchFields.Spelling)) stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        },
        (_, reader) => new StringReader(WithoutAccents(reader.ReadToEnd())),
        Analyzer.PER_FIELD_REUSE_STRATEGY);

    /// <summary>The term a query word is looked up as in a stemmed field (the word itself when stemming leaves nothing).</summary>
    public static string Stemmed(string word)
    {
        using var stream = Analyzer.GetTokenStream(SearchFields.Name, word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var result = stream.IncrementToken() ? term.ToString() : word;
        stream.End();
        return result;
    }

    /// <summary>Accents split from their letters and dropped (é → e), as <see cref="QueryText"/> does.</summary>
    private static string WithoutAccents(string text)
    {
        if (Ascii.IsValid(text)) return text;
        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return text; // broken text (a lone surrogate) cannot be normalised; its letters and digits still count
        }
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (c < 0x80 || CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) kept.Append(c);
        return kept.ToString();
    }

    /// <summary>Letters and digits below U+2000 (no symbols, no emoji), lower-cased.</summary>
    private sealed class WordTokenizer(TextReader input) : CharTokenizer(Version, input)
    {
        protected override bool IsTokenChar(int c) => c < 0x2000 && char.IsLetterOrDigit((char)c);
        protected override int Normalize(int c) => char.ToLowerInvariant((char)c);
    }
}
