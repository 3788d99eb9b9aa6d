using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Common;
using Ecommerce.Web.Hosting.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Web.Api;

internal static class AuthEndpoints
{
    /// <summary>
    /// Identity's own API endpoints (register, login with bearer tokens, refresh, confirm email, reset password,
    /// manage 2FA and info) under /api/v1/auth, for mobile apps, scripts and load tests.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/auth").WithTags("Auth").LimitCredentialAttempts()
            .WithProblemMapping().AddEndpointFilter(RequireWellFormedFieldsAsync) // first: ill-formed fields are a 400
            .AnswerRegistrationsAlike()
            .MapIdentityApi<AppUser>();
        endpoints.MapAuthenticatorQr();
        return endpoints;
    }

    private static readonly ConcurrentDictionary<PropertyInfo, bool> Required = new();

    /// <summary>
    /// Identity's request records declare their strings non-nullable but JSON binds "email": null anyway, and Identity
    /// then throws (a 500); text .NET cannot normalise (U+FFFE) threw in its lookups too. Both are a 400 naming the field.
    /// </summary>
    private static ValueTask<object?> RequireWellFormedFieldsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new ValidationErrors();
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument.GetType().Namespace != "Microsoft.AspNetCore.Identity.Data") continue;
            foreach (var property in argument.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var value = (string?)property.GetValue(argument);
                if (value is null && Required.GetOrAdd(property, p => new NullabilityInfoContext().Create(p).WriteState == NullabilityState.NotNull)) errors.Add(field, "is required");
                else if (!UnicodeText.IsWellFormed(value)) errors.Add(field, UnicodeText.Problem);
            }
        }
        errors.ThrowIfAny();
        return SaveRacesAreConflictsAsync(context, next);
    }

    /// <summary>
    /// Two requests of one account at the same moment (the first two /manage/2fa calls both creating the
    /// authenticator key) make Identity's second save fail on the database's unique key: a 409 to retry, not a 500.
    /// </summary>
    private static async ValueTask<object?> SaveRacesAreConflictsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "This account was being changed by another request at the same moment; try again.");
        }
    }
}
