namespace Ecommerce.Core.Common;

/// <summary>
/// Links and image sources that merchants write: a site-relative path ("/...") or an absolute http(s) address; the
/// one check for every such address (product images, shop sections, logos, links in Markdown). Everything else
/// (javascript:, data:, vbscript:...) is refused, and so is what a browser would read as another host: "//host" and
/// "/\host" (browsers treat a backslash as a slash), a backslash anywhere, control characters (browsers drop tabs and
/// newlines, so "/\t/host" becomes "//host"), and white space around it.
/// Links in text may also be mailto: addresses and fragments of the same page.
/// </summary>
public static class SafeUrl
{
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl) || url.Contains('\\') || url.Trim() != url) return false;
        if (url.StartsWith('/')) return !url.StartsWith("//");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>A link in merchant text: what <see cref="IsSafe"/> allows, a mailto: address or a #fragment.</summary>
    public static bool IsSafeLink(string? url)
    {
        if (IsSafe(url)) return true;
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl) || url.Contains('\\')) return false;
        if (url.StartsWith('#')) return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeMailto;
    }
}
