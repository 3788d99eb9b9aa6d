namespace Ecommerce.Core.Common;

/// <summary>
/// Links and image sources that merchants write: a site-relative path ("/...", not "//host") or an absolute
/// http(s) address. Everything else (javascript:, data:, vbscript:...) is refused.
/// </summary>
public static class SafeUrl
{
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl) || url.Contains('\\')) return false;
        if (url.StartsWith('/')) return !url.StartsWith("//");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
