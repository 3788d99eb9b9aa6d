using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Ecommerce.Web.Hosting;

internal static class HealthEndpoints
{
    /// <summary>/health/live: the process answers. /health/ready: it can reach its database and may take traffic.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return endpoints;
    }
}
