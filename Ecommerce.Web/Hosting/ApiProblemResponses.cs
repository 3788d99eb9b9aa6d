using Microsoft.AspNetCore.Diagnostics;

namespace Ecommerce.Web.Hosting;

internal static class ApiProblemResponses
{
    /// <summary>
    /// Under /api, an error status without a body (no such route, 401, 405...) becomes RFC 7807 problem details
    /// instead of the site's HTML 404 page, so API clients always get something they can parse.
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
            await next(context);
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null } && string.IsNullOrEmpty(context.Response.ContentType))
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new() { HttpContext = context });
        });
}
