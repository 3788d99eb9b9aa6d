using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Ecommerce.Web.Components.Shared;

public static class CurrentUser
{
    /// <summary>The signed-in user's id; the consoles are behind authorisation, so it is always there.</summary>
    public static async Task<string> IdAsync(Task<AuthenticationState> state) =>
        (await state).User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("No signed-in user.");

    /// <summary>The signed-in user as the audit log names them.</summary>
    public static async Task<Ecommerce.Core.Audit.AuditActor> ActorAsync(Task<AuthenticationState> state) =>
        Hosting.AuditActorClaims.ToAuditActor((await state).User);
}
