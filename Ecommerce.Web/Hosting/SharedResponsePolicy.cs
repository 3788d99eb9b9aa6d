using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// The output-cache policy of responses served alike to many visitors (storefront pages, sitemaps): a GET or HEAD that
/// <paramref name="applies"/> to is cached under its path and <paramref name="queryKeys"/> (and <paramref name="headerNames"/>),
/// rendered once however many ask at the same time, tagged with <paramref name="tags"/> so that the events that change it
/// evict it (<see cref="StorefrontEviction"/>), and otherwise kept for <paramref name="lifetime"/>. A response that sets
/// a cookie, or is not a 200, is never stored, nor one <paramref name="keep"/> refuses. <paramref name="onCached"/>
/// marks a request whose response is shared.
/// </summary>
internal sealed class SharedResponsePolicy(
    TimeSpan lifetime, Func<HttpContext, IEnumerable<string>> tags, string queryKeys, string? headerNames = null,
    Func<HttpContext, bool>? applies = null, Action<HttpContext>? onCached = null, Func<HttpContext, bool>? keep = null) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cached = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && (applies?.Invoke(http) ?? true);
        context.EnableOutputCaching = cached;
        context.AllowCacheLookup = cached;
        context.AllowCacheStorage = cached;
        context.AllowLocking = true; // many asking for a response that is not cached yet: one renders it
        if (!cached) return ValueTask.CompletedTask;
        onCached?.Invoke(http);
        context.CacheVaryByRules.QueryKeys = queryKeys;
        if (headerNames is not null) context.CacheVaryByRules.HeaderNames = headerNames;
        context.ResponseExpirationTimeSpan = lifetime;
        foreach (var tag in tags(http)) context.Tags.Add(tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Only a plain response: no cookie of any visitor (an antiforgery cookie among them), no error, no redirect.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || keep?.Invoke(context.HttpContext) == false)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
