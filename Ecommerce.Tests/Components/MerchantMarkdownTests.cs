using AngleSharp.Html.Parser;
using Ecommerce.Web.Components.Shared;

namespace Ecommerce.Tests.Components;

/// <summary>Merchant Markdown can link and show pictures, but no spelling of a script address survives.</summary>
public sealed class MerchantMarkdownTests
{
    public static TheoryData<string> ScriptLinks => new()
    {
        "[Open the sizing guide](javascript:alert(document.domain))",
        "[Open](JaVaScRiPt:alert(1))",
        "[Open](javascript&#58;alert(1))",
        "[Open](  javascript:alert(1)  )",
        "[Open](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[Open][r1]\n\n[r1]: javascript:alert(1)",
        "[Open](java\tscript:alert(1))",
        "[Open](vbscript:msgbox(1))",
        "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[Open](//evil.example/x)",
        "[Open](/\\evil.example/x)",
        "![Chart](javascript:alert(1))",
        "![Chart](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[![Chart](/img/a.png)](javascript:alert(1))",
        "<javascript:alert(1)> [Angle](<javascript:alert(1)>) [Ref][r1] [Upper](JaVaScRiPt:alert(1))\n\n[r1]: javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(ScriptLinks))]
    public void No_spelling_of_a_script_address_keeps_its_link(string markdown)
    {
        var html = MerchantMarkdown.ToHtml(markdown);
        var page = new HtmlParser().ParseDocument(html);

        foreach (var element in page.QuerySelectorAll("[href], [src]"))
        {
            var address = element.GetAttribute("href") ?? element.GetAttribute("src")!;
            Assert.True(address.StartsWith("/") && !address.StartsWith("//") || address.StartsWith("https://") || address.StartsWith("http://"),
                $"'{markdown}' rendered {element.OuterHtml}");
        }
        // What is left of a refused address is text: no attribute carries it, no element runs it.
        Assert.DoesNotContain(page.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            a => a.Value.Contains("script:", StringComparison.OrdinalIgnoreCase) || a.Name.StartsWith("on"));
        Assert.Empty(page.QuerySelectorAll("script, iframe, object"));
        // The Markdown step itself drops the address with its link (HtmlSanitizer would leave an empty <a>).
        Assert.All(page.QuerySelectorAll("a"), a => Assert.True(a.HasAttribute("href"), $"'{markdown}' rendered {a.OuterHtml}"));
    }

    [Fact]
    public void A_refused_link_keeps_its_text_and_a_refused_image_its_description()
    {
        var page = new HtmlParser().ParseDocument(MerchantMarkdown.ToHtml(
            "See [the sizing guide](javascript:alert(1)) and ![a size chart](javascript:alert(2))."));
        Assert.Empty(page.QuerySelectorAll("a, img"));
        Assert.Equal("See the sizing guide and a size chart.", page.Body!.TextContent.Trim());
    }

    [Fact]
    public void Web_mail_site_and_fragment_links_and_images_are_kept()
    {
        var page = new HtmlParser().ParseDocument(MerchantMarkdown.ToHtml(
            "[guide](https://example.com/guide) [size](/p/size-guide) [mail](mailto:help@example.com) [faq](#faq) " +
            "<https://example.com/auto> ![chart](/media/chart.png)"));

        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://example.com/guide", "/p/size-guide", "mailto:help@example.com", "#faq", "https://example.com/auto"], links);
        Assert.All(page.QuerySelectorAll("a"), a => Assert.Contains("nofollow", a.GetAttribute("rel")));
        Assert.Equal("/media/chart.png", page.QuerySelector("img")!.GetAttribute("src"));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_and_formatting_still_works()
    {
        var page = new HtmlParser().ParseDocument(MerchantMarkdown.ToHtml(
            "**Bold** and *soft*\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n- one\n- two"));
        Assert.Single(page.QuerySelectorAll("strong"));
        Assert.Single(page.QuerySelectorAll("em"));
        Assert.Equal(2, page.QuerySelectorAll("li").Length);
        Assert.Empty(page.QuerySelectorAll("script, img, [onerror]"));
        Assert.Contains("<script>alert(1)</script>", page.Body!.TextContent);
    }
}
