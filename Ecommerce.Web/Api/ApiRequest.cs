using System.Text.Json;
using Ecommerce.Core.Common;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Ecommerce.Web.Api;

/// <summary>
/// Reads API input ourselves rather than through parameter binding, so a missing or malformed body, a wrong type
/// or an out-of-range number becomes a 400 naming the field (binding failures would be an empty 400 or a 500).
/// </summary>
public static class ApiRequest
{
    public const string BodyField = "body";

    public static async Task<T> ReadJsonAsync<T>(this HttpRequest request) where T : class
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) throw ValidationException.For(BodyField, "a JSON object is required");
        if (FieldWithNul(text) is { } field) throw ValidationException.For(field, "contains the character NUL (\\u0000), which text cannot hold");
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<T>(text, options) ?? throw ValidationException.For(BodyField, "a JSON object is required");
        }
        catch (JsonException e) when (e.GetType() == typeof(JsonException) && e.Path is { Length: > 2 } path)
        {
            // A well-formed document with a value of the wrong type or out of range: name the field ($.variants[0].price_usd).
            throw ValidationException.For(path[2..], "has the wrong type or is out of range");
        }
        catch (JsonException e)
        {
            throw ValidationException.For(BodyField, $"is not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')})");
        }
    }

    /// <summary>
    /// The field of the first string holding an escaped NUL: PostgreSQL refuses it in text (a 500 after validation
    /// passed). Only a document that contains "\u0000" at all is walked.
    /// </summary>
    private static string? FieldWithNul(string text)
    {
        if (!text.Contains("\\u0000", StringComparison.Ordinal)) return null;
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 64 });
        var property = BodyField;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    if (name.Contains('\0')) return BodyField;
                    property = name;
                }
                else if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains('\0')) return property;
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: deserialising says so, with its own message.
        }
        return null;
    }

    /// <summary>An optional whole-number query parameter between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int? QueryInt(this HttpRequest request, string name, int min, int max)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0) return null;
        if (!int.TryParse(value, out var number) || number < min || number > max)
            throw ValidationException.For(name, $"must be a whole number from {min} to {max}");
        return number;
    }

    /// <summary>The version in an If-Match header ("guid", W/"guid"); null when absent or "*".</summary>
    public static Guid? IfMatchVersion(this HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*") return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return Guid.TryParse(value.Trim('"'), out var version)
            ? version
            : throw ValidationException.For("If-Match", "must be the version (ETag) last read");
    }
}
