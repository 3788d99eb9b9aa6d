using Ecommerce.Core.Search;

namespace Ecommerce.Tests.Unit;

/// <summary>How text is cut into terms: the same for the index's vocabulary and for what shoppers type.</summary>
public sealed class QueryTextTests
{
    [Theory]
    [InlineData("Wireless HEADPHONES", new[] { "wireless", "headphones" })]
    [InlineData("Crème Brûlée, 250g", new[] { "creme", "brulee", "250g" })]
    [InlineData("\"oak\" AND (chair*) -NEAR col:lamp 😀", new[] { "oak", "and", "chair", "near", "col", "lamp" })]
    [InlineData("  ¿¡ !!  ", new string[0])]
    public void Terms_are_lower_cased_runs_of_letters_and_digits_without_accents(string text, string[] expected) =>
        Assert.Equal(expected, QueryText.Terms(text));

    [Fact]
    public void Broken_text_and_a_cut_through_an_emoji_still_give_terms()
    {
        Assert.Equal(["abc", "def"], QueryText.Terms("\uD800abc d\u0301ef\uDC00"));
        // The first 500 characters are read: a cut that would split the emoji at 499–500 is made before it, so the
        // text is still normalised (a split pair would leave "café" with its accent).
        Assert.Equal(["cafe"], QueryText.Terms("café" + new string(' ', 495) + "😀" + " tail"));
    }

    [Fact]
    public void A_query_keeps_its_first_eight_terms_each_cut_to_forty_characters()
    {
        var terms = QueryText.Terms(new string('x', 60) + " " + string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i}")));
        Assert.Equal([new string('x', QueryText.MaxTermLength), "w1", "w2", "w3", "w4", "w5", "w6", "w7"], terms);
    }

    [Fact]
    public void Enumerating_a_text_gives_every_term_in_order_without_the_query_limit()
    {
        var text = "Größe XL · Baumwolle; " + string.Join(' ', Enumerable.Range(1, 12).Select(i => $"Wort{i}"));
        Span<char> buffer = stackalloc char[QueryText.MaxTermLength];
        var terms = new List<string>();
        foreach (var term in QueryText.EnumerateTerms(text, buffer)) terms.Add(term.ToString());
        Assert.Equal(["große", "xl", "baumwolle", .. Enumerable.Range(1, 12).Select(i => $"wort{i}")], terms);
        Assert.Equal(terms.Take(QueryText.MaxTerms), QueryText.Terms(text));
    }
}
