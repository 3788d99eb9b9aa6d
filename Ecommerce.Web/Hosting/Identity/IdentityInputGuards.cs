using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Identity UI's default pages trust their input in ways that were 500s: a foreign returnUrl (LocalRedirect throws),
/// a confirmation link without its parameters (they redirect to an /Index page this site does not have), a code that
/// is not base64url, and the two-factor pages opened with no log-in in progress. The pages come from the package,
/// so one filter checks that input before their handlers run: a foreign returnUrl goes home, the rest is a 400
/// saying what is wrong.
/// </summary>
internal static class IdentityInputGuards
{
    public static IServiceCollection AddIdentityInputGuards(this IServiceCollection services)
    {
        services.Configure<RazorPagesOptions>(options => options.Conventions.AddAreaFolderApplicationModelConvention(
            "Identity", "/", page => page.Filters.Add(new IdentityPageInputFilter())));
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, SafeLookupNormalizer>()); // U+FFFE in an email
        return services;
    }

    private sealed class IdentityPageInputFilter : IAsyncPageFilter
    {
        private const string BrokenLink = "This link is incomplete or damaged: open it exactly as it is in the email, or ask for a new one.";

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            foreach (var name in context.HandlerArguments.Keys.Where(k => k.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)).ToList())
                if (context.HandlerArguments[name] is string url && context.HandlerInstance is PageModel page && !page.Url.IsLocalUrl(url))
                    context.HandlerArguments[name] = "~/"; // the pages' own default: home

            // A checkbox posted with a value that is not a bool (RememberMe=abc) is a model error, but showing the form
            // again made its tag helper convert that value once more and throw; the box is shown unchecked instead.
            foreach (var (key, entry) in context.ModelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).ToList())
                if (PropertyType(context.HandlerInstance.GetType(), key) == typeof(bool))
                    context.ModelState.SetModelValue(key, rawValue: false, attemptedValue: "false");

            if (await ProblemAsync(context) is { } problem)
            {
                context.Result = new ContentResult { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = problem };
                return;
            }
            await next();
        }

        private static async Task<string?> ProblemAsync(PageHandlerExecutingContext context)
        {
            var query = context.HttpContext.Request.Query;
            var get = HttpMethods.IsGet(context.HttpContext.Request.Method);
            switch (context.ActionDescriptor.ViewEnginePath)
            {
                case "/Account/ConfirmEmail" when get:
                    return Missing(query, "userId", "code") || !IsBase64Url(query["code"]) ? BrokenLink : null;
                case "/Account/ConfirmEmailChange" when get:
                    return Missing(query, "userId", "email", "code") || !IsBase64Url(query["code"]) ? BrokenLink : null;
                case "/Account/ResetPassword" when get:
                    return Missing(query, "code") ? "A code must be supplied for password reset: open the link from the email." : !IsBase64Url(query["code"]) ? BrokenLink : null;
                case "/Account/RegisterConfirmation" when get:
                    return Missing(query, "email") ? "This page needs the email address you registered with (?email=...)." : null;
                case "/Account/LoginWith2fa" or "/Account/LoginWithRecoveryCode":
                    var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
                    return await signIn.GetTwoFactorAuthenticationUserAsync() is null
                        ? "No log-in is waiting for a second factor (it may have expired): log in with your email and password first."
                        : null;
                case "/Account/Manage/Disable2fa" or "/Account/Manage/GenerateRecoveryCodes":
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
                    return await users.GetUserAsync(context.HttpContext.User) is { } user && !await users.GetTwoFactorEnabledAsync(user)
                        ? "Two-factor authentication is not turned on for this account, so there is nothing to turn off or to make new recovery codes for."
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>The type of the bound property a model-state key names (Input.RememberMe), or null.</summary>
        private static Type? PropertyType(Type model, string key)
        {
            Type? type = model;
            foreach (var part in key.Split('.'))
                type = type?.GetProperty(part, BindingFlags.Instance | BindingFlags.Public | BindingFlags.IgnoreCase)?.PropertyType;
            return type;
        }

        private static bool Missing(IQueryCollection query, params string[] names) => names.Any(n => string.IsNullOrEmpty(query[n]));

        private static bool IsBase64Url(string? code)
        {
            try
            {
                WebEncoders.Base64UrlDecode(code ?? "");
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
