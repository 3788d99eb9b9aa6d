using Microsoft.AspNetCore.Antiforgery;

namespace Ecommerce.Web.Api;

/// <summary>
/// The one guard against cross-site requests on the API: a change under /api/v1 (POST, PUT, PATCH, DELETE) that the
/// site's Identity cookie authenticates must be sent as JSON (application/json or +json) or carry the page's
/// antiforgery token (RequestVerificationToken header). A cross-site HTML form cannot send either, and a script
/// elsewhere can send them only after a CORS preflight this API never grants. Bearer tokens and merchant API keys are
/// never sent by a browser on its own, so those calls pass as they are; so do guests, whose X-Cart-Token header needs
/// a preflight too.
/// </summary>
internal static class CookieWrites
{
    private const string ApiPrefix = "/api/v1";

    /// <summary>
    /// Runs after authentication (it asks whether the cookie signed the request in) and authorization (a caller who may
    /// not make the change at all hears 401 or 403 first), and before any endpoint.
    /// </summary>
    public static IApplicationBuilder UseCookieWriteGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (await ProblemAsync(context) is { } problem)
        {
            await problem.ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static async Task<IResult?> ProblemAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(ApiPrefix) || !IsWrite(request.Method) || !SignedInByCookie(context)) return null;
        // PUT and DELETE too: not only a form's POST, so no change relies on the browser's preflight rules for methods.
        if (request.HasJsonContentType()) return null;
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (request.Headers.ContainsKey(AntiforgeryHeader))
            return await antiforgery.IsRequestValidAsync(context) ? null
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                    detail: $"The {AntiforgeryHeader} header does not hold a valid antiforgery token for this session: reload the page and try again.");
        return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
            detail: "A change made with the site's sign-in cookie must be sent as application/json (an empty body is fine where nothing is " +
                    $"required) or carry the page's antiforgery token in the {AntiforgeryHeader} header. Apps can use a bearer token instead.");
    }

    private const string AntiforgeryHeader = "RequestVerificationToken";

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>
    /// The default scheme (cookie or bearer) picked the Identity cookie and it signed the caller in. A bearer token or
    /// an API key was not sent by a browser on its own (both need a CORS preflight), so those requests are not the
    /// cookie's. Any other Authorization (Basic from a proxy in front) can be sent by the browser, so it does not count.
    /// </summary>
    private static bool SignedInByCookie(HttpContext context)
    {
        var headers = context.Request.Headers;
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || authorization.StartsWith(Hosting.ApiKeyAuthentication.Scheme + " ", StringComparison.OrdinalIgnoreCase)
            || headers.ContainsKey(Hosting.ApiKeyAuthentication.Header)) return false;
        return context.User.Identity?.IsAuthenticated == true;
    }
}
