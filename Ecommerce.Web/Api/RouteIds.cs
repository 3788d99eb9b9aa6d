using System.Globalization;
using System.Numerics;

namespace Ecommerce.Web.Api;

/// <summary>
/// Ids in routes are plain digits. ASP.NET's own {id:int} and {id:long} parse with NumberStyles.Integer, so
/// "/products/1%20", "/products/+1" and "/products/%201" all matched product 1: a path that names a resource must name
/// it one way only. These replace "int" and "long" for every route of the app (API and pages), so junk is a 404; the
/// API's order numbers get their own constraint.
/// </summary>
internal static class RouteIds
{
    public static IServiceCollection AddStrictRouteIds(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<DigitsOnly<int>>("int");
            options.SetParameterPolicy<DigitsOnly<long>>("long");
            options.SetParameterPolicy<OrderNumber>(OrderNumberConstraint);
        });

    /// <summary>{number:orderNumber}: an order number as the API gives it ("EC-7Q4M2X9K"; any case).</summary>
    public const string OrderNumberConstraint = "orderNumber";

    /// <summary>
    /// Letters, digits and hyphens only. Order lookups trim and upper-case what the shopper typed (a page's search box
    /// wants that), so without this "/orders/EC-7Q4M2X9K%20" answered for the order; in a path it is junk, a 404.
    /// </summary>
    private sealed class OrderNumber : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 and <= 20 } text
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

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
