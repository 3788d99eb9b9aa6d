using System.Globalization;
using Ecommerce.Core.Common;
using Ecommerce.Web.Hosting;

namespace Ecommerce.Web.Api;

/// <summary>
/// The admin API under /api/v1/admin: the Admin role on every endpoint, by Identity's bearer token or the site cookie
/// (the same default scheme as the store API); problem details for bad input (ProblemMapping). Every action is
/// audited by the Core use case it calls.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Admin).WithProblemMapping();
        admin.MapAdminShops(); // and product moderation
        admin.MapAdminUsers();
        admin.MapAdminEvents();
        admin.MapAdminAudit();
        admin.MapAdminDashboard();
        admin.MapAdminSettings();
        admin.MapAdminCatalogue();
        admin.MapAdminTaxRates();
        admin.MapAdminMerchants();
        admin.MapAdminOrders();
        return endpoints;
    }

    /// <summary>The optional JSON body of an action; an empty body is an empty request.</summary>
    internal static async Task<T> ReadOptionalJsonAsync<T>(this HttpRequest request) where T : class, new()
    {
        if (request.ContentLength is 0) return new T();
        request.EnableBuffering();
        using (var reader = new StreamReader(request.Body, leaveOpen: true))
        {
            if (string.IsNullOrWhiteSpace(await reader.ReadToEndAsync(request.HttpContext.RequestAborted))) return new T();
        }
        request.Body.Position = 0;
        return await request.ReadJsonAsync<T>();
    }

    internal static PageRequest Paging(this HttpRequest request) =>
        PageRequest.Of(request.QueryInt("page", 1, 1_000_000), request.QueryInt("pageSize", 1, PageRequest.MaxPageSize), 20);

    internal static TEnum? QueryEnum<TEnum>(this HttpRequest request, string name) where TEnum : struct, Enum
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0) return null;
        return Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw ValidationException.For(name, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    internal static DateTime? QueryDate(this HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0) return null;
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : throw ValidationException.For(name, "must be a date (2026-11-22) or a time (2026-11-22T10:00:00Z)");
    }

    internal static string? QueryText(this HttpRequest request, string name, int maxLength = 200)
    {
        var value = request.Query[name].ToString().Trim();
        if (value.Length > maxLength) throw ValidationException.For(name, $"must be at most {maxLength} characters");
        return value.Length == 0 ? null : value;
    }
}
