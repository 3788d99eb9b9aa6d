namespace Ecommerce.Web.Hosting;

/// <summary>
/// PostgreSQL refuses the NUL character in text, so a %00 in a query value that reached a database search was a
/// 500 there (SQLite takes it). Every query string is checked once, here, before any page or API reads it. Forms
/// need nothing: ASP.NET Core's form reader already refuses NUL; JSON bodies are checked by <see cref="Api.ApiRequest"/>.
/// </summary>
internal static class NulCharacters
{
    public static IApplicationBuilder UseNulRejection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
                && request.Query.FirstOrDefault(q => HasNul(q.Key) || q.Value.Any(HasNul)) is { Key: not null } query)
            {
                await PageQueryValidation.WriteBadRequestAsync(context,
                    $"The query parameter '{query.Key.Replace("\0", "%00")}' contains the character NUL (%00), which text cannot hold.");
                return;
            }
            await next(context);
        });

    private static bool HasNul(string? value) => value?.Contains('\0') == true;
}
