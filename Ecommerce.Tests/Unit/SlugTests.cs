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
}
