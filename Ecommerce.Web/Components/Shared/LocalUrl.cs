namespace Ecommerce.Web.Components.Shared;

/// <summary>Where a form may send the browser back to: a path on this site only, never an open redirect.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 2000 } && url[0] == '/' && !url.StartsWith("//") && !url.Contains('\\') && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback = "/") => IsLocal(url) ? url! : fallback;
}
