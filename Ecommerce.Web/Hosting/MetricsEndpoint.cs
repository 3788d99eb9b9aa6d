using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Search;
using OpenTelemetry.Metrics;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics in Prometheus' text format at /metrics: HTTP server metrics (ASP.NET Core's own meters), the
/// runtime, EF Core and Npgsql, and the platform's meter (checkouts, orders, sold-out answers, outbox backlog, search
/// index lag). Who may scrape: see <see cref="MetricsAccess"/>; anyone else gets the site's 404, as for any unknown path.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddEcommerceMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(MetricsAccess.From(configuration));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(PlatformMeter.Name, "System.Runtime", "Microsoft.EntityFrameworkCore", "Npgsql")
            // The platform's gauges exist once their owners are built: built with the meter provider, at start.
            .AddInstrumentation(sp => sp.GetRequiredService<OutboxMetrics>())
            .AddInstrumentation(sp => sp.GetRequiredService<SearchMetrics>())
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Answers scrapes that <see cref="MetricsAccess"/> allows; other requests go on down the pipeline.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app)
    {
        var access = app.ApplicationServices.GetRequiredService<MetricsAccess>();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => context.Request.Path == Path && access.Allows(context));
    }
}

/// <summary>
/// Who may read /metrics. By default only this machine: a request from a loopback address that no proxy relayed
/// (no X-Forwarded-For or Forwarded header: a reverse proxy on the same machine would otherwise make every visitor
/// look local). <c>Metrics:AllowedNetworks</c> (comma-separated CIDR, default <c>127.0.0.0/8,::1/128</c>; empty for
/// none) widens or closes that; <c>Metrics:ScrapeKey</c> lets a scraper from anywhere in with
/// <c>Authorization: Bearer &lt;key&gt;</c>.
/// </summary>
internal sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks, string? key)
{
    private const string DefaultNetworks = "127.0.0.0/8,::1/128";

    public static MetricsAccess From(IConfiguration configuration)
    {
        var networks = new List<IPNetwork>();
        foreach (var text in (configuration["Metrics:AllowedNetworks"] ?? DefaultNetworks).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            networks.Add(IPNetwork.TryParse(text, out var network) ? network
                : throw new InvalidOperationException($"Metrics:AllowedNetworks: '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        var key = configuration["Metrics:ScrapeKey"];
        if (key is { Length: > 0 and < 16 }) throw new InvalidOperationException("Metrics:ScrapeKey must be at least 16 characters.");
        return new MetricsAccess(networks, string.IsNullOrEmpty(key) ? null : key);
    }

    public bool Allows(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (key is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && SameKey(authorization["Bearer ".Length..].Trim()))
            return true;
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded")) return false;
        if (context.Connection.RemoteIpAddress is not { } remote) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return networks.Any(n => n.Contains(remote));
    }

    private bool SameKey(string given) => CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key!)));
}
