using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// The address shoppers reach the site at, for links that leave the site in emails. It is the configured
/// Site:PublicUrl, or else the address this node listens on, never the Host header of the request that caused the
/// email: a forged Host would otherwise send a victim's password-reset link to the attacker's site.
/// </summary>
internal sealed class PublicSiteUrl(IConfiguration configuration, IServer server, ILogger<PublicSiteUrl> logger)
{
    private Uri? _origin;

    public Uri Origin => _origin ??= Resolve();

    /// <summary>The same path, query and fragment on the public origin.</summary>
    public string Rebase(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(Origin, uri.PathAndQuery + uri.Fragment).AbsoluteUri
            : link;

    /// <summary>The configured Site:PublicUrl's origin (ending in "/"), or null when it is not set.</summary>
    public static Uri? Configured(IConfiguration configuration)
    {
        if (configuration["Site:PublicUrl"] is not { Length: > 0 } configured) return null;
        if (Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        throw new InvalidOperationException($"Site:PublicUrl must be an absolute http(s) address, not '{configured}'.");
    }

    private Uri Resolve()
    {
        if (Configured(configuration) is { } configured) return configured;
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        logger.LogWarning("Site:PublicUrl is not set: links in emails use this node's address {Address}. Set it in production.", listening);
        return new Uri(listening.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/') + "/");
    }
}
