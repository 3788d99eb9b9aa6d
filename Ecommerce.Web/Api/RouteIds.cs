using System.Globalization;
using System.Numerics;

namespace Ecommerce.Web.Api;

/// <summary>
/// Ids in routes are plain digits. ASP.NET's own {id:int} and {id:long} parse with NumberStyles.Integer, so
/// "/products/1%20", "/products/+1" and "/products/%201" all matched product 1: a path that names a resource must name
/// it one way only. These replace "int" and "long" for every route of the app (API and pages), so junk is a 404.
/// </summary>
internal static class RouteIds
{
    public static IServiceCollection AddStrictRouteIds(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<DigitsOnly<int>>("int");
            options.SetParameterPolicy<DigitsOnly<long>>("long");
        });

    private sealed class DigitsOnly<T> : IRouteConstraint where T : struct, IBinaryInteger<T>
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        {
            if (!values.TryGetValue(routeKey, out var value) || value is null) return false;
            if (value is T) return true; // a value the app itself put there (link generation)
            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            // NumberStyles.None: digits only, no sign, no white space, no separators; in range for the type. No leading
            // zero either, so each id has one spelling ("07" is not 7).
            return !string.IsNullOrEmpty(text) && (text.Length == 1 || text[0] != '0')
                && T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        }
    }
}
