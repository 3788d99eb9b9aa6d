using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Search;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// What a load balancer asks a node. /health/live: the process answers (restart it if not). /health/ready: it may take
/// traffic: the database answers, every migration this build knows is applied, and the node's own search index is
/// built and at most <c>Health:MaxSearchLag</c> events behind the outbox. Both answer 200 "Healthy" or 503
/// "Unhealthy"; ready answers 200 "Degraded" while the database is away from a node that has served with it (it still
/// browses and searches). With <c>Accept: application/json</c> ready also says which check failed and why.
/// </summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddEcommerceHealthChecks(this IServiceCollection services)
    {
        // One instance for the node's lifetime: it remembers that the database was once reached and migrated.
        services.AddSingleton<DatabaseReadyCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<SearchIndexReadyCheck>("search", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.Headers.Accept.ToString().Contains("application/json"))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(report.Status.ToString());
        }
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>The database answers and has every migration of this build (a node of a newer build waits for them).</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<AppDbContext> contexts) : IHealthCheck
{
    private volatile bool _migrated; // applied migrations are never taken back: ask once, then only whether it answers

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken)) return Unreachable();
            if (_migrated) return HealthCheckResult.Healthy("reachable, migrated");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0) return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
            _migrated = true;
            return HealthCheckResult.Healthy("reachable, migrated");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Unreachable(e.GetType().Name);
        }
    }

    // A node that has served with this database keeps browsing and search from its own index while the database is
    // away: degraded (still 200, a balancer keeps it), not unhealthy. One that never reached it is not ready.
    private HealthCheckResult Unreachable(string? error = null)
    {
        var why = "the database does not answer" + (error is null ? "" : ": " + error);
        return _migrated
            ? HealthCheckResult.Degraded(why + "; browsing and search answer from the search index, carts, orders and accounts wait")
            : HealthCheckResult.Unhealthy(why);
    }
}

/// <summary>This node's search index is built and close enough to the outbox that its answers are current.</summary>
internal sealed class SearchIndexReadyCheck(ProductSearchIndex index, SearchIndexer indexer, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (index.Checkpoint() is null) return HealthCheckResult.Unhealthy("the search index is being built");
        var maxLag = configuration.GetValue("Health:MaxSearchLag", 1000);
        int behind;
        try
        {
            behind = await indexer.PendingEventsAsync(cancellationToken);
        }
        catch (Exception e) when (DbErrors.IsUnreachable(e))
        {
            return HealthCheckResult.Degraded("answering from the index; how far behind is unknown while the database does not answer");
        }
        return behind <= maxLag
            ? HealthCheckResult.Healthy($"{behind} event(s) behind")
            : HealthCheckResult.Unhealthy($"{behind} events behind the outbox (more than Health:MaxSearchLag = {maxLag})");
    }
}
