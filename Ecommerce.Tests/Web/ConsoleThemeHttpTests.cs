using AngleSharp.Html.Parser;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Web;

/// <summary>The consoles' theme is one shared stylesheet (no per-circuit style text): both palettes, linked from every console page.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsoleThemeHttpTests(WebAppFixture app)
{
    [Fact]
    public async Task A_console_page_links_the_theme_stylesheet_with_both_palettes_and_renders_no_theme_style()
    {
        using var merchant = await app.SignedInClientAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        var page = new HtmlParser().ParseDocument(await merchant.GetStringAsync("/merchant"));
        var href = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.StartsWith("/css/console-theme.css?v="));
        Assert.Empty(page.QuerySelectorAll("style.mud-theme-provider"));

        var response = await merchant.GetAsync(href);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        var css = await response.Content.ReadAsStringAsync();
        // The light palette (with the console's darkened status colours) on :root, the dark one under the attribute.
        Assert.Matches(@":root\s*\{[^}]*--mud-palette-success: rgba\(27,127,59,1\);", css);
        Assert.Matches(@"html\[data-console-theme=dark\]\s*\{[^}]*--mud-palette-primary: rgba\(169,159,242,1\);[^}]*--mud-palette-primary-text: rgba\(27,27,33,1\);", css);
        Assert.Contains("--mud-typography-default-family", css);

        // Another version (an older page) is served too, but not kept.
        var stale = await merchant.GetAsync("/css/console-theme.css?v=old");
        Assert.Equal("no-cache", stale.Headers.CacheControl?.ToString());
    }
}
