using System.Text.Json;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Web.Hosting;

namespace Ecommerce.Web.Api;

/// <summary>
/// The one place where Core's errors and bad requests become RFC 7807 problem details: validation → 400 naming each
/// field, not found (or not yours) → 404, conflict → 409, an idempotency key reused for another request → 422, unreadable body → 400,
/// the database out of reach → 503 with Retry-After. Add it to an endpoint group with
/// <see cref="WithProblemMapping"/>; pass a field renamer when the wire names differ from Core's.
/// </summary>
public static class ProblemMapping
{
    public static TBuilder WithProblemMapping<TBuilder>(this TBuilder builder, Func<string, string>? wireField = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (ToResult(e, wireField) is { } problem)
            {
                return problem;
            }
        });

    /// <summary>The problem response for an exception the caller caused, or for a database out of reach; null for a real server error.</summary>
    public static IResult? ToResult(Exception exception, Func<string, string>? wireField = null) => exception switch
    {
        ValidationException e => TypedResults.ValidationProblem(
            e.Errors.GroupBy(f => wireField?.Invoke(f.Key) ?? f.Key).ToDictionary(g => g.Key, g => g.SelectMany(f => f.Value).ToArray()),
            title: "The request has invalid fields.", detail: "See errors: each invalid field with what is wrong."),
        NotFoundException e => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: e.Message),
        ConflictException e => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: e.Message),
        IdempotencyKeyReusedException e => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Idempotency key reused with a different request", detail: e.Message),
        TooBusyException e => new TooBusyProblem(e.Message),
        BadHttpRequestException e => TypedResults.Problem(statusCode: e.StatusCode, title: "Bad Request", detail: e.Message),
        JsonException e => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: "The body is not valid JSON: " + e.Message),
        _ when DbErrors.IsUnreachable(exception) => new DatabaseUnavailableProblem(),
        _ => null,
    };
}

/// <summary>429 with Retry-After: the node's checkout queue is full. It says nothing of when a place frees up, so a few seconds.</summary>
internal sealed class TooBusyProblem(string detail) : IResult
{
    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", detail: detail).ExecuteAsync(context);
    }
}
