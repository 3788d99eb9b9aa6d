using Ecommerce.Web.Hosting;
using System.Security.Claims;
using Ecommerce.Core.Common;
using Ecommerce.Core.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>The platform settings as the API shows them; the approval policy is "Automatic" or "ByAdmin".</summary>
public sealed record SettingsBody(string? MerchantApproval, int? ReservationExpiryMinutes, string? Currency)
{
    public static SettingsBody From(PlatformSettingsValues values) =>
        new(values.MerchantApproval.ToString(), values.ReservationExpiryMinutes, values.Currency);
}

/// <summary>GET and PUT /api/v1/admin/settings (PlatformSettings); a PUT replaces them all and is audited.</summary>
internal static class AdminSettingsEndpoints
{
    public static void MapAdminSettings(this RouteGroupBuilder admin)
    {
        var settings = admin.MapGroup("/settings").WithTags("Admin");
        settings.MapGet("", async (PlatformSettings platform, CancellationToken cancellationToken) =>
                TypedResults.Ok(SettingsBody.From(await platform.GetAllAsync(cancellationToken))))
            .Describe("AdminGetSettings", "The platform settings: merchant approval policy, checkout hold expiry (null: the deployment's default), platform currency")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        settings.MapPut("", PutAsync)
            .Describe("AdminPutSettings", "Replaces the platform settings; reservationExpiryMinutes 1–120 or null, currency three upper-case letters")
            .Accepts<SettingsBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Ok<SettingsBody>> PutAsync(HttpRequest request, ClaimsPrincipal user, PlatformSettings platform)
    {
        var body = await request.ReadJsonAsync<SettingsBody>();
        if (!Enum.TryParse<MerchantApprovalPolicy>(body.MerchantApproval, ignoreCase: true, out var policy) || !Enum.IsDefined(policy))
            throw ValidationException.For("merchantApproval", "must be Automatic or ByAdmin");
        var saved = await platform.SetAllAsync(new PlatformSettingsValues(policy, body.ReservationExpiryMinutes, body.Currency ?? ""),
            user.ToAuditActor(), request.HttpContext.RequestAborted);
        return TypedResults.Ok(SettingsBody.From(saved));
    }
}
