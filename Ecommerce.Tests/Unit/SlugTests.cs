using Ecommerce.Core.Common;

namespace Ecommerce.Tests.Unit;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Men's Cotton T-Shirt", "men-s-cotton-t-shirt")]
    [InlineData("  Crème Brûlée  ", "creme-brulee")]
    [InlineData("USB-C / Thunderbolt 4 Dock!!", "usb-c-thunderbolt-4-dock")]
    [InlineData("---", "")]
    public void Makes_lowercase_ascii_with_single_hyphens(string text, string expected) =>
        Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void Is_cut_at_the_maximum_length_without_a_trailing_hyphen()
    {
        var slug = Slug.From(new string('a', 79) + " bbbb", maxLength: 80);
        Assert.True(slug.Length <= 80);
        Assert.False(slug.EndsWith('-'));
    }

    [Theory]
    [InlineData("good-slug", true)]
    [InlineData("Bad Slug", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validates(string? slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));

    [Theory]
    [InlineData("Lamp \uFFFE Deluxe", "lamp-deluxe")]
    [InlineData("Caf\u00e9\uFFFF", "caf")] // unnormalisable text is not decomposed: the accented letter is dropped
    public void Text_that_cannot_be_normalised_still_makes_a_slug(string text, string expected) =>
        Assert.Equal(expected, Slug.From(text));

    [Theory]
    [InlineData("plain text", true)]
    [InlineData("emoji \U0001F600 and accents \u00e9", true)]
    [InlineData("a\uFFFEb", false)]
    [InlineData("a\uFFFFb", false)]
    [InlineData("a\uFDD0b", false)]
    [InlineData("nul\0", false)]
    [InlineData("\uD83F\uDFFE", false)] // U+1FFFE, a noncharacter of another plane
    public void Well_formed_text_is_what_normalisation_and_every_database_accept(string text, bool wellFormed) =>
        Assert.Equal(wellFormed, UnicodeText.IsWellFormed(text));

    [Fact]
    public void Lone_surrogates_are_not_well_formed_and_still_make_a_slug()
    {
        // Built at run time: an attribute's string cannot hold a lone surrogate (it is stored as UTF-8).
        var high = "lone " + (char)0xD800 + " high";
        var low = "lone " + (char)0xDC00 + " low";
        Assert.False(UnicodeText.IsWellFormed(high));
        Assert.False(UnicodeText.IsWellFormed(low));
        Assert.Equal("lone-high", Slug.From(high));
        Assert.Equal("lone-low", Slug.From(low));
    }
}

public sealed class PageRequestTests
{
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue / 24 + 1)]
    public void A_huge_page_number_skips_past_everything_instead_of_overflowing(int page) =>
        Assert.True(PageRequest.Of(page, 24).Skip > 0);
}
