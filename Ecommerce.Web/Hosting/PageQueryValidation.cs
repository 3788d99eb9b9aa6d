using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Blazor throws while rendering when a [SupplyParameterFromQuery] value does not parse as the property's type
/// (?page=abc, ?page=99999999999), which was a 500. Before a page renders, every such value of the routed page is
/// parsed here the way Blazor will parse it; a value that would not parse answers 400 naming the parameter, so no
/// page has to bind numbers as strings.
/// </summary>
internal static class PageQueryValidation
{
    private sealed record QueryParameter(string Name, Type Type);

    private static readonly ConcurrentDictionary<Type, QueryParameter[]> Parameters = new();

    public static IApplicationBuilder UsePageQueryValidation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page && context.Request.QueryString.HasValue)
            {
                foreach (var parameter in Parameters.GetOrAdd(page.Type, QueryParametersOf))
                {
                    foreach (var value in context.Request.Query[parameter.Name])
                    {
                        if (Parses(value, parameter.Type)) continue;
                        await WriteBadRequestAsync(context, $"The query parameter '{parameter.Name}' must be {Describe(parameter.Type)}; '{Shorten(value)}' is not.");
                        return;
                    }
                }
            }
            await next(context);
        });

    private static QueryParameter[] QueryParametersOf(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null && p.Property.PropertyType != typeof(string))
            .Select(p => new QueryParameter(p.Attribute!.Name ?? p.Property.Name, p.Property.PropertyType))
            .ToArray();

    /// <summary>Whether Blazor can bind the value: invariant culture, an empty value only for a nullable type.</summary>
    private static bool Parses(string? value, Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        if (type == typeof(string)) return true;
        var underlying = Nullable.GetUnderlyingType(type);
        if (string.IsNullOrEmpty(value)) return underlying is not null;
        var invariant = CultureInfo.InvariantCulture;
        return (underlying ?? type) switch
        {
            var t when t == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            var t when t == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            var t when t == typeof(bool) => bool.TryParse(value, out _),
            var t when t == typeof(Guid) => Guid.TryParse(value, out _),
            var t when t == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            var t when t == typeof(double) => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            var t when t == typeof(float) => float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            var t when t == typeof(DateTime) => DateTime.TryParse(value, invariant, DateTimeStyles.None, out _),
            var t when t == typeof(DateOnly) => DateOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            var t when t == typeof(TimeOnly) => TimeOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ => true, // a type Blazor cannot bind from a query fails at start-up, not per request
        };
    }

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type.IsArray ? type.GetElementType()! : type) ?? type;
        return t == typeof(int) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
            : t == typeof(long) ? "a whole number"
            : t == typeof(bool) ? "true or false"
            : t == typeof(Guid) ? "an identifier (GUID)"
            : t == typeof(DateTime) || t == typeof(DateOnly) ? "a date (yyyy-mm-dd)"
            : t == typeof(TimeOnly) ? "a time (hh:mm)"
            : "a number";
    }

    private static string Shorten(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "";

    /// <summary>A problem for API-like clients; plain text for a browser, which would show JSON as a download or raw.</summary>
    internal static async Task WriteBadRequestAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new()
            {
                HttpContext = context,
                ProblemDetails = { Status = 400, Title = "Bad Request", Detail = detail },
            }))
            return;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Bad request: " + detail);
    }
}
