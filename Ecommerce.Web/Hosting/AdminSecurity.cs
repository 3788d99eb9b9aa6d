using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// The admin console's guards beyond the Admin role: the API answers 401/403 problems instead of redirecting to the
/// log-in page, and (setting Security:RequireAdminTwoFactor, on by default outside Development) an admin without
/// two-factor authentication is sent to set it up before any /admin page or /api/v1/admin call works.
/// </summary>
internal static class AdminSecurity
{
    public const string RequireTwoFactorSetting = "Security:RequireAdminTwoFactor";
    public const string TwoFactorSetupPath = "/Identity/Account/Manage/EnableAuthenticator";

    public static IServiceCollection AddAdminSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.ConfigureApplicationCookie(options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsApi(context.Request) ? Status(context.Response, 401) : toLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? Status(context.Response, 403) : toDenied(context);
        });
        services.AddSingleton(new AdminTwoFactorRequirement(configuration.GetValue<bool?>(RequireTwoFactorSetting) ?? !environment.IsDevelopment()));
        return services;
    }

    public static IApplicationBuilder UseAdminTwoFactor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.RequestServices.GetRequiredService<AdminTwoFactorRequirement>().Required
                && IsAdminArea(context.Request) && context.User.IsInRole(Roles.Admin)
                && await context.RequestServices.GetRequiredService<UserManager<AppUser>>().GetUserAsync(context.User) is { TwoFactorEnabled: false })
            {
                if (IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                    {
                        HttpContext = context,
                        ProblemDetails = { Status = 403, Title = "Two-factor authentication required",
                            Detail = $"Admins must turn on two-factor authentication ({TwoFactorSetupPath}) before using the admin API." },
                    });
                }
                else
                {
                    context.Response.Redirect($"{TwoFactorSetupPath}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                }
                return;
            }
            await next(context);
        });

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static bool IsAdminArea(HttpRequest request) =>
        request.Path.StartsWithSegments("/admin") || request.Path.StartsWithSegments("/api/v1/admin");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Whether admins must have two-factor on (Security:RequireAdminTwoFactor).</summary>
internal sealed record AdminTwoFactorRequirement(bool Required);
