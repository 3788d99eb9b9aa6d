namespace Ecommerce.Web.Api;

/// <summary>
/// The one guard against cross-site requests for the API groups a browser's site cookie can authenticate (admin,
/// shopper orders): a POST made with the cookie must be sent as application/json. A cross-site HTML form cannot send
/// that type, and a script elsewhere can send it only after a CORS preflight this API never grants; bearer tokens are
/// never sent by a browser on its own, so bearer calls pass as they are.
/// </summary>
internal static class CookieWrites
{
    public static TBuilder RequireJsonForCookieWrites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(RequireJsonAsync);

    private static async ValueTask<object?> RequireJsonAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        // Only POST needs it: PUT and DELETE cannot be sent cross-site without a CORS preflight this API never grants.
        if (HttpMethods.IsPost(request.Method) && !bearer && request.HasJsonContentType() is false)
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: "Send changes as application/json (an empty body is fine where nothing is required).");
        return await next(context);
    }
}
