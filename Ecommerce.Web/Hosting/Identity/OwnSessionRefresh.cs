using System.Security.Claims;
using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Identity's account pages renew the security stamp when a shopper turns two-factor on or off or changes their
/// email, which ends every session of the account within a minute (SessionRevocation), the one in use included.
/// Some pages sign that session in again, others do not: this filter re-issues the cookie of the session that made
/// the change, so only the others end.
/// </summary>
internal sealed class OwnSessionRefresh(SignInManager<AppUser> signIn) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var principal = context.HttpContext.User;
        var before = principal.FindFirstValue(signIn.Options.ClaimsIdentity.SecurityStampClaimType);
        var executed = await next();
        if (before is null || executed.Exception is not null || !HttpMethods.IsPost(context.HttpContext.Request.Method)
            || context.ActionDescriptor.AreaName != "Identity" || !context.ActionDescriptor.ViewEnginePath.StartsWith("/Account/Manage/"))
            return;
        if (await signIn.UserManager.GetUserAsync(principal) is { } user && await signIn.UserManager.GetSecurityStampAsync(user) != before
            && !await signIn.UserManager.IsLockedOutAsync(user))
            await signIn.RefreshSignInAsync(user);
    }
}

internal static class OwnSessionRefreshRegistration
{
    public static IServiceCollection AddOwnSessionRefresh(this IServiceCollection services)
    {
        services.AddScoped<OwnSessionRefresh>();
        services.Configure<MvcOptions>(options => options.Filters.AddService<OwnSessionRefresh>());
        return services;
    }
}
