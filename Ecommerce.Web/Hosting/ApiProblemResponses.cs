using Ecommerce.Web.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Ecommerce.Web.Hosting;

internal static class ApiProblemResponses
{
    /// <summary>
    /// Under /api, an error status without a body (no such route, 401, 405...) becomes RFC 7807 problem details
    /// instead of the site's HTML 404 page, and an unhandled exception a 500 problem, so API clients always get
    /// something they can parse.
    /// </summary>
    public static IApplicationBuilder UseApiProblemResponses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                      && ProblemMapping.ToResult(e) is { } problem)
            {
                // In Development minimal APIs throw on an unreadable body, a wrong media type or a missing one
                // (Production answers the status alone): the caller's mistake is its 400/415 there too.
                context.Response.Clear();
                await problem.ExecuteAsync(context);
                return;
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // A server error (an overloaded database, a bug) is a problem body too, not the site's HTML error page.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ecommerce.Web.Api").LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 500, Title = "Internal Server Error", Detail = "Something went wrong on our side and was logged; please try again." },
                });
                return;
            }
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null } && string.IsNullOrEmpty(context.Response.ContentType))
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context,
                    ProblemDetails = { Detail = BodilessDetail(context.Response.StatusCode) },
                });
        });

    /// <summary>What a status set without a body (by parameter binding in Production) means for the caller.</summary>
    private static string? BodilessDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: the body must be well-formed JSON of the documented shape, and each route or query parameter of its documented type.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be sent as JSON (Content-Type: application/json).",
        _ => null,
    };
}
