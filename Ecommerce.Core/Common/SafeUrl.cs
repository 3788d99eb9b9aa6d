namespace Ecommerce.Core.Common;

/// <summary>
/// Links and image sources that merchants write: a site-relative path ("/...", not "//host") or an absolute
/// http(s) address. Everything else (javascript:, data:, vbscript:...) is refused.
/// Links in text may also be mailto: addresses and fragments of the same page.
/// </summary>
public static class SafeUrl
{
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl) || url.Contains('\\')) return false;
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
