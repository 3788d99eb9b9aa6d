using Ecommerce.Core.Common;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Ecommerce.Web.Components.Shared;

/// <summary>
/// Turns merchant-written Markdown into HTML that can never carry script. Two lines of defence:
/// raw HTML is off and every link or image whose address is not http(s), mailto, a fragment or a site path
/// loses its address (the text stays, inert); then the HTML passes through HtmlSanitizer, so a gap in the
/// first line still cannot reach the page.
/// </summary>
public static partial class MerchantMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseReferralLinks("nofollow", "noopener", "ugc") // merchant links are user content to search engines
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        DisarmLinks(document);
        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>The text of the Markdown on one line, cut at a word before <paramref name="maxLength"/> (meta descriptions).</summary>
    public static string ToPlainText(string? markdown, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        // The words are the page's; a script address among them (a refused link's literal text) is left out, so no
        // attribute the description lands in (meta, og) ever carries one.
        var text = string.Join(' ', Markdown.ToPlainText(markdown, Pipeline)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !ScriptAddress().IsMatch(word)));
        if (text.Length <= maxLength) return text;
        var cut = text.LastIndexOf(' ', maxLength - 1);
        return text[..(cut > maxLength / 2 ? cut : maxLength - 1)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    private static void DisarmLinks(MarkdownDocument document)
    {
        // Reference links ([text][r1] with "[r1]: javascript:...") are resolved into LinkInline by the parser,
        // so checking LinkInline covers inline, <...>-wrapped and reference destinations alike.
        // Both kinds are listed before anything changes: rewiring one link's siblings must not hide the next.
        var links = document.Descendants<LinkInline>().ToList();
        var autolinks = document.Descendants<AutolinkInline>().ToList();
        foreach (var autolink in autolinks)
            if (!SafeUrl.IsSafeLink(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        foreach (var link in links)
            if (!SafeUrl.IsSafeLink(link.Url)) Unwrap(link);
    }

    /// <summary>A refused link keeps its text; a refused image keeps its description.</summary>
    private static void Unwrap(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            link.ReplaceBy(new LiteralInline(alt), copyChildren: false);
            return;
        }
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedAttributes.Add("rel");
        return sanitizer;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)(java|vb)script\s*(:|&#0*58;?|&colon;)|^\W*data:")]
    private static partial System.Text.RegularExpressions.Regex ScriptAddress();
}
