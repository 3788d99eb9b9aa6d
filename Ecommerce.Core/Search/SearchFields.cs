using System.Globalization;
using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace Ecommerce.Core.Search;

/// <summary>
/// The fields of a product's Lucene document. The searched text is indexed, not stored; the whole
/// <see cref="SearchDocument"/> is stored once, as JSON, for result cards and for the in-memory values
/// (<see cref="SearchDocValues"/>) that filters, facets and sorting read.
/// </summary>
internal static class SearchFields
{
    /// <summary>The product id as an exact term: updates and removals replace or delete by it.</summary>
    public const string Id = "id";
    /// <summary>The product's slug as an exact term: a product page found in the index while the database is away.</summary>
    public const string Slug = "slug";
    /// <summary>The product id as a per-document number: what a match is mapped back to.</summary>
    public const string IdValue = "id_value";
    public const string Name = "name", Brand = "brand", Category = "category", Attributes = "attributes", Description = "description";
    /// <summary>The name's words unstemmed: suggestions match what is being typed against them, the last word as a prefix.</summary>
    public const string NameWords = "name_words";
    /// <summary>The words "did you mean" may offer: name, brand, category and attribute words of three letters or more, not numbers.</summary>
    public const string Spelling = "spelling";
    public const string Stored = "doc";

    /// <summary>BM25 field weights: name above brand and category above attributes above description.</summary>
    public static readonly (string Field, float Boost)[] Weighted =
        [(Name, 10f), (Brand, 5f), (Category, 5f), (Attributes, 2f), (Description, 1f)];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Term IdTerm(int productId) => new(Id, productId.ToString(CultureInfo.InvariantCulture));

    // No query matches phrases, so no field keeps word positions (a rebuild writes far less). The searched fields keep
    // frequencies and lengths for BM25; the suggestion and spelling words only which documents hold them.
    private static readonly FieldType Searched = Frozen(new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_AND_FREQS });
    private static readonly FieldType Words = Frozen(new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public static Document ToDocument(SearchDocument d) =>
    [
        new StringField(Id, d.ProductId.ToString(CultureInfo.InvariantCulture), Field.Store.NO),
        new NumericDocValuesField(IdValue, d.ProductId),
        new StringField(Slug, d.Slug, Field.Store.NO),
        new Field(Name, d.Name, Searched),
        new Field(Brand, d.Brand ?? "", Searched),
        new Field(Category, d.CategoryName, Searched),
        new Field(Attributes, d.AttributeText, Searched),
        new Field(Description, d.Description, Searched),
        new Field(NameWords, d.Name, Words),
        new Field(Spelling, SpellingWords(d), Words),
        new StoredField(Stored, JsonSerializer.SerializeToUtf8Bytes(d, Json)),
    ];

    public static SearchDocument FromStored(Document stored)
    {
        var json = stored.GetBinaryValue(Stored) ?? throw new InvalidDataException("A search document without its stored copy.");
        return JsonSerializer.Deserialize<SearchDocument>(json.Bytes.AsSpan(json.Offset, json.Length), Json)
            ?? throw new InvalidDataException("A search document without its stored copy.");
    }

    /// <summary>The document's "did you mean" words, each once.</summary>
    private static string SpellingWords(SearchDocument d)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[QueryText.MaxTermLength];
        foreach (var text in new[] { d.Name, d.Brand, d.CategoryName, d.AttributeText })
            foreach (var word in QueryText.EnumerateTerms(text, buffer))
                if (word.Length >= 3 && !IsNumber(word)) lookup.Add(word);
        return string.Join(' ', words);
    }

    /// <summary>All digits, in any script (as "did you mean" sees numbers).</summary>
    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!char.IsDigit(c)) return false;
        return true;
    }
}
