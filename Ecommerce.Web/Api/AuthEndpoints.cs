using Ecommerce.Core.Accounts;
using Ecommerce.Web.Hosting.Identity;

namespace Ecommerce.Web.Api;

internal static class AuthEndpoints
{
    /// <summary>
    /// Identity's own API endpoints (register, login with bearer tokens, refresh, confirm email, reset password,
    /// manage 2FA and info) under /api/v1/auth, for mobile apps, scripts and load tests.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/auth").WithTags("Auth").LimitCredentialAttempts().AnswerRegistrationsAlike().MapIdentityApi<AppUser>();
        endpoints.MapAuthenticatorQr();
        return endpoints;
    }
}
