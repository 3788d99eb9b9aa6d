using System.Text.Encodings.Web;
using Ecommerce.Core.Data;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// While the database is out of reach, a request that needs it gets a 503 with Retry-After at once, never a stack trace:
/// API callers a problem body (<see cref="DatabaseUnavailableProblem"/>), people a short page that says nothing was
/// charged or saved. Pages served from the node's search index and caches keep answering.
/// </summary>
internal static class DatabaseOutage
{
    public const int RetryAfterSeconds = 5;

    public const string Message = "We cannot reach our database for a moment, so we cannot change carts, take orders or open accounts right now. " +
        "Nothing was charged or saved. Please try again in a minute; browsing and search still work.";

    /// <summary>What the page says: what cannot be shown when a page said so (a shop this node does not know), else what waits.</summary>
    private static string WhatWaits(Exception e) =>
        e.GetBaseException() is DatabaseAwayException away ? away.Message + " Please try again in a minute; browsing and search still work." : Message;

    public static IApplicationBuilder UseDatabaseOutagePage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            // Under /api the problem mapping answers (ApiProblemResponses, outside this one).
            catch (Exception e) when (DbErrors.IsUnreachable(e) && !context.Request.Path.StartsWithSegments("/api")
                                      && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ecommerce.Web.DatabaseOutage")
                    .LogWarning("{Method} {Path} needs the database, which does not answer: {Error}", context.Request.Method, context.Request.Path, e.GetBaseException().Message);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                context.Response.Headers.CacheControl = "no-store";
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync($"""
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Back in a moment</title></head>
                    <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
                    <h1>Back in a moment</h1><p>{HtmlEncoder.Default.Encode(WhatWaits(e))}</p><p><a href="/">Continue browsing</a></p>
                    </body></html>
                    """);
            }
        });
}

/// <summary>503 problem details with Retry-After, for an API request that needs the database while it is out of reach.</summary>
internal sealed class DatabaseUnavailableProblem : IResult
{
    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString();
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
            detail: "The database does not answer for a moment; nothing was saved or charged. Try again after the Retry-After delay.")
            .ExecuteAsync(context);
    }
}
