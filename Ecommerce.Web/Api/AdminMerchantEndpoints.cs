using Ecommerce.Web.Hosting;
using System.Security.Claims;
using Ecommerce.Core.Common;
using Ecommerce.Core.Shops;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

public sealed record RejectionBody(string? Reason);

/// <summary>/api/v1/admin/merchants: merchant applications, and an admin's approval or rejection (MerchantApplications).</summary>
internal static class AdminMerchantEndpoints
{
    public static void MapAdminMerchants(this RouteGroupBuilder admin)
    {
        var merchants = admin.MapGroup("/merchants").WithTags("Admin");
        merchants.MapGet("", async (HttpRequest request, MerchantApplications applications) =>
            {
                var status = request.Query["status"].ToString();
                MerchantStatus? filter = status.Length == 0 ? null
                    : Enum.TryParse<MerchantStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
                    : throw ValidationException.For("status", "must be Pending, Approved or Rejected");
                var page = PageRequest.Of(request.QueryInt("page", 1, 1_000_000), request.QueryInt("pageSize", 1, PageRequest.MaxPageSize), 20);
                return TypedResults.Ok(await applications.ListAsync(filter, page.Skip, page.PageSize, request.HttpContext.RequestAborted));
            })
            .Describe("AdminListMerchantApplications", "Merchant applications, newest first, optionally of one status (?status=Pending|Approved|Rejected)")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "1 to 100 (default 20)").ProducesValidationProblem();
        merchants.MapPost("/{id:int}/approve", async Task<NoContent> (int id, ClaimsPrincipal user, MerchantApplications applications, CancellationToken cancellationToken) =>
            {
                await applications.ApproveAsync(id, user.ToAuditActor(), cancellationToken);
                return TypedResults.NoContent();
            })
            .Describe("AdminApproveMerchant", "Approves a pending application; the applicant becomes a merchant")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        merchants.MapPost("/{id:int}/reject", async Task<NoContent> (int id, HttpRequest request, ClaimsPrincipal user, MerchantApplications applications) =>
            {
                var body = await request.ReadJsonAsync<RejectionBody>();
                await applications.RejectAsync(id, user.ToAuditActor(), body.Reason ?? "", request.HttpContext.RequestAborted);
                return TypedResults.NoContent();
            })
            .Describe("AdminRejectMerchant", "Rejects a pending application with a reason (required) the applicant sees")
            .Accepts<RejectionBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
