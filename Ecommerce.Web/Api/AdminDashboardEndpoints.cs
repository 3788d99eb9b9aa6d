using Ecommerce.Web.Hosting;
using Ecommerce.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>GET /api/v1/admin/dashboard: the figures of the admin dashboard page.</summary>
internal static class AdminDashboardEndpoints
{
    public static void MapAdminDashboard(this RouteGroupBuilder admin) =>
        admin.MapGet("/dashboard", async (HttpRequest request, PlatformDashboard dashboard) =>
                TypedResults.Ok(await dashboard.SummaryAsync(request.QueryInt("days", 7, 90) ?? 30, request.HttpContext.RequestAborted)))
            .WithTags("Admin").Describe("AdminDashboard",
                "GMV, paid orders, new users and selling shops per day over 7, 30 or 90 days (?days=); event pipeline and search index health")
            .WithIntQuery("days", "7, 30 or 90 (default 30)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
