namespace Ecommerce.Web.Components.Shared;

/// <summary>The last products a visitor looked at, kept in a cookie of product ids (newest first, at most 12).</summary>
public static class RecentlyViewed
{
    public const string Cookie = "recently_viewed";
    private const int Max = 12;

    /// <summary>The visitor's list; none while rendering a page template (Hosting/PersonalPages.cs), which is every guest's.</summary>
    public static IReadOnlyList<int> Read(HttpContext? context) => Ecommerce.Web.Hosting.PersonalPages.IsTemplateRender(context) ? [] :
        (context?.Request.Cookies[Cookie] ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var id) ? id : 0).Where(id => id > 0).Distinct().Take(Max).ToList();

    public static void Add(HttpContext? context, int productId)
    {
        if (context is null || context.Response.HasStarted) return;
        var ids = Read(context).Where(id => id != productId).Prepend(productId).Take(Max);
        context.Response.Cookies.Append(Cookie, string.Join('.', ids), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(30), IsEssential = false,
        });
    }
}
