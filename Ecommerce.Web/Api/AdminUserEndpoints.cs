using Ecommerce.Core.Accounts;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>Users for admins: search, view, roles, lock and unlock, two-factor reset.</summary>
internal static class AdminUserEndpoints
{
    public static void MapAdminUsers(this RouteGroupBuilder admin)
    {
        var users = admin.MapGroup("/users").WithTags("Admin: users");
        users.MapGet("", ListAsync).Describe("AdminListUsers", "Users by email or name (search), newest first")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Users per page, 1 to 100 (default 20)").ProducesValidationProblem();
        users.MapGet("/{id}", GetAsync).Describe("AdminGetUser", "One user: roles, lockout, two-factor, shops").ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{id}/roles", SetRolesAsync).Describe("AdminSetUserRoles", "Give the user exactly these roles (Shopper, Merchant, Admin); an admin cannot drop their own Admin role")
            .Accepts<RolesRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id}/lock", LockAsync).Describe("AdminLockUser", "Lock an account (with a reason) until an admin unlocks it")
            .Accepts<ReasonRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id}/unlock", UnlockAsync).Describe("AdminUnlockUser", "Unlock an account (an optional reason)")
            .Accepts<ReasonRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id}/reset-two-factor", ResetTwoFactorAsync).Describe("AdminResetTwoFactor", "Turn the user's two-factor off and forget their authenticator and recovery codes")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<AdminPage<AdminUserResponse>>> ListAsync(HttpRequest request, AdminUsers users)
    {
        var paging = request.Paging();
        var page = await users.UsersAsync(paging.Skip, paging.PageSize, request.QueryText("search"), cancellationToken: request.HttpContext.RequestAborted);
        return TypedResults.Ok(new AdminPage<AdminUserResponse>(page.Items.Select(AdminUserResponse.From).ToList(), page.Total, page.Page, page.PageSize));
    }

    private static async Task<Ok<UserDetail>> GetAsync(string id, HttpRequest request, UserAdministration users) =>
        TypedResults.Ok(await users.DetailAsync(id, request.HttpContext.RequestAborted));

    private static async Task<Ok<UserDetail>> SetRolesAsync(string id, HttpRequest request, UserAdministration users)
    {
        var body = await request.ReadJsonAsync<RolesRequest>();
        if (body.Roles is null) throw Ecommerce.Core.Common.ValidationException.For("roles", "is required: the list of roles the user should have");
        await users.SetRolesAsync(request.HttpContext.User.ToAuditActor(), id, body.Roles, request.HttpContext.RequestAborted);
        return TypedResults.Ok(await users.DetailAsync(id, request.HttpContext.RequestAborted));
    }

    private static async Task<Ok<UserDetail>> LockAsync(string id, HttpRequest request, UserAdministration users)
    {
        var body = await request.ReadOptionalJsonAsync<ReasonRequest>();
        await users.LockAsync(request.HttpContext.User.ToAuditActor(), id, body.Reason ?? "", request.HttpContext.RequestAborted);
        return TypedResults.Ok(await users.DetailAsync(id, request.HttpContext.RequestAborted));
    }

    private static async Task<Ok<UserDetail>> UnlockAsync(string id, HttpRequest request, UserAdministration users)
    {
        var body = await request.ReadOptionalJsonAsync<ReasonRequest>();
        await users.UnlockAsync(request.HttpContext.User.ToAuditActor(), id, body.Reason, request.HttpContext.RequestAborted);
        return TypedResults.Ok(await users.DetailAsync(id, request.HttpContext.RequestAborted));
    }

    private static async Task<Ok<UserDetail>> ResetTwoFactorAsync(string id, HttpRequest request, UserAdministration users)
    {
        await users.ResetTwoFactorAsync(request.HttpContext.User.ToAuditActor(), id, request.HttpContext.RequestAborted);
        return TypedResults.Ok(await users.DetailAsync(id, request.HttpContext.RequestAborted));
    }
}
