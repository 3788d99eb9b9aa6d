using System.Security.Claims;
using Ecommerce.Core.Audit;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Web.Api;

/// <summary>
/// The admin API under /api/v1/admin: the Admin role only, with Identity's bearer token or the site cookie; errors
/// are problem details (ProblemMapping). Each feature adds its routes in its own file (Admin*Endpoints.cs).
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin")
            .RequireAuthorization(policy => policy.RequireRole(Policies.Admin)
                // Both schemes explicitly: the cookie's challenge here is a 401, never a redirect to the login page.
                .AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme))
            .WithProblemMapping();
        admin.MapAdminDashboard();
        admin.MapAdminSettings();
        admin.MapAdminCatalogue();
        admin.MapAdminTaxRates();
        admin.MapAdminMerchants();
        return endpoints;
    }

    /// <summary>Who the audit log names for this request.</summary>
    public static AuditActor Actor(this ClaimsPrincipal user) =>
        AuditActor.User(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user."),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name);
}
