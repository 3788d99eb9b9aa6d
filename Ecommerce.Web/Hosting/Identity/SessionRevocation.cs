using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Sessions end when the account's security stamp changes (lock, password, roles, two-factor reset, log-out):
/// cookies through Identity's own stamp validator, bearer tokens here, since Identity checks a bearer token's stamp
/// only when it is refreshed. Both look at the database at most once per check interval (Security:SessionCheckSeconds,
/// 60 by default) for each user and stamp on each node, so a revoked session stops working within that interval.
/// </summary>
internal static class SessionRevocation
{
    public static IServiceCollection AddSessionRevocation(this IServiceCollection services, IConfiguration configuration)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Security:SessionCheckSeconds", 60), 1, 3600));
        services.AddMemoryCache();
        services.AddOwnSessionRefresh(); // the account page that made the change keeps its own session
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = interval);
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
            options.Events.OnMessageReceived = context => RefuseRevokedTokenAsync(context, interval));
        return services;
    }

    /// <summary>A token whose stamp is no longer the account's fails authentication: the caller gets a 401.</summary>
    private static async Task RefuseRevokedTokenAsync(MessageReceivedContext context, TimeSpan interval)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Principal is not { } principal) return; // the handler itself refuses what it cannot read

        var services = context.HttpContext.RequestServices;
        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        var stamp = principal.FindFirst(signIn.Options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        var userId = principal.FindFirst(signIn.Options.ClaimsIdentity.UserIdClaimType)?.Value;
        var valid = stamp is not null && userId is not null && await services.GetRequiredService<IMemoryCache>()
            .GetOrCreateAsync($"bearer-stamp:{userId}:{stamp}", async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = interval;
                return await signIn.ValidateSecurityStampAsync(principal) is not null;
            });
        if (!valid) context.Fail("This session has ended: log in again.");
    }
}
