using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Registering with an email that already has an account answers as a new registration does, so the form cannot
/// be used to learn who has an account: the owner of the address gets a mail saying so (with the way to log in or
/// reset the password) instead of a confirmation. The API always answers alike (200, after the same password
/// hashing). The Register page can only when confirmed emails are required (Accounts:RequireConfirmedEmail):
/// otherwise a new registration signs the shopper in, which an existing address never can.
/// </summary>
internal sealed class RegistrationPrivacy(UserManager<AppUser> users, IdentityEmailSender mail)
{
    /// <summary>True when the address already has an account; its owner has then been told by mail.</summary>
    public async Task<bool> AlreadyRegisteredAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email) is null) return false;
        // A new account's password is hashed before it is stored: the same work here keeps the timing alike.
        users.PasswordHasher.HashPassword(new AppUser(), password ?? "");
        await mail.SendAccountExistsAsync(email);
        return true;
    }
}

/// <summary>The Register page's side (a Razor page filter), active when confirmed emails are required.</summary>
internal sealed class RegisterPageFilter(RegistrationPrivacy privacy, Microsoft.Extensions.Options.IOptions<IdentityOptions> identity) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (identity.Value.SignIn.RequireConfirmedAccount && HttpMethods.IsPost(request.Method)
            && context.ActionDescriptor.ViewEnginePath == "/Account/Register" && context.ActionDescriptor.AreaName == "Identity"
            && request.HasFormContentType && context.ModelState.IsValid)
        {
            var form = await request.ReadFormAsync();
            var email = form["Input.Email"].ToString();
            if (await privacy.AlreadyRegisteredAsync(email, form["Input.Password"]))
            {
                context.Result = new RedirectToPageResult("/Account/RegisterConfirmation",
                    new { area = "Identity", email, returnUrl = form["returnUrl"].ToString() is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/" });
                return;
            }
        }
        await next();
    }
}

internal static class RegistrationPrivacyRegistration
{
    public static IServiceCollection AddRegistrationPrivacy(this IServiceCollection services)
    {
        services.AddScoped<RegistrationPrivacy>();
        services.AddScoped<RegisterPageFilter>();
        services.Configure<MvcOptions>(options => options.Filters.AddService<RegisterPageFilter>());
        return services;
    }

    /// <summary>POST /register of Identity's API: an address that has an account gets the same 200 as a new one.</summary>
    public static TBuilder AnswerRegistrationsAlike<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } route } || !route.TrimEnd('/').EndsWith("/register")) return;
            endpoint.FilterFactories.Add((_, next) => async context =>
            {
                var registration = context.Arguments.OfType<RegisterRequest>().FirstOrDefault();
                var privacy = context.HttpContext.RequestServices.GetRequiredService<RegistrationPrivacy>();
                return registration is not null && await privacy.AlreadyRegisteredAsync(registration.Email, registration.Password)
                    ? Results.Ok()
                    : await next(context);
            });
        });
        return builder;
    }
}
