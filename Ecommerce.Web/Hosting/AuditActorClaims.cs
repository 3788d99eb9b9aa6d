using System.Security.Claims;
using Ecommerce.Core.Audit;

namespace Ecommerce.Web.Hosting;

public static class AuditActorClaims
{
    /// <summary>The signed-in user as the audit log names them (Identity's name claim is the email).</summary>
    public static AuditActor ToAuditActor(this ClaimsPrincipal user) =>
        AuditActor.User(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user."),
            user.Identity?.Name);
}
