using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Output caching of the storefront for anonymous visitors whose pages are all alike: not signed in, and none of
/// the cookies that change a page (a cart, a "Deliver to" choice, recently viewed products, a flash notice, a
/// session or antiforgery cookie). Such a page (one marked <see cref="SharedWithAnonymousVisitorsAttribute"/>: home, search, category, product,
/// shop) is rendered once per path and query and kept for 30 s or until an outbox event changes what it shows: each
/// page is tagged by what it shows (<see cref="Shows"/>, <see cref="SharedWithAnonymousVisitorsAttribute.ListsAnyProduct"/>)
/// and <see cref="StorefrontEviction"/> says which tags an event touches.
/// A shared page carries no per-visitor antiforgery token: its cart and wishlist forms are checked by the browser's
/// Origin instead (<see cref="ShopperFormPost"/>). A response that sets a cookie, or is not a 200, or was rendered
/// while the database was away (<see cref="DatabaseReachability"/>), is never stored.
/// </summary>
internal static class StorefrontCache
{
    public const string Policy = "storefront";
    /// <summary>Every shared page.</summary>
    public const string Tag = "storefront";
    /// <summary>Pages that can list any product (home, search, category): a change to any product may show there.</summary>
    public const string CatalogueTag = "catalogue";
    /// <summary>A product's own page.</summary>
    public static string ProductTag(int productId) => $"product:{productId}";
    /// <summary>Pages that show a shop's name or profile (its shop page, its products' pages).</summary>
    public static string ShopTag(int shopId) => $"shop:{shopId}";
    /// <summary>Pages that list a shop's products (its shop page).</summary>
    public static string ShopProductsTag(int shopId) => $"shop-products:{shopId}";
    /// <summary>Pages that show a category's name (its products' pages; category pages are listings).</summary>
    public static string CategoryTag(int categoryId) => $"category:{categoryId}";
    private static readonly object SharedRenderKey = new();
    private static readonly string[] PersonalCookies = [ShopperCookie.Name, DeliveryCookie.Name, RecentlyViewed.Cookie, "flash"];

    public static IServiceCollection AddStorefrontCache(this IServiceCollection services)
    {
        services.AddOutputCache(options => options.AddPolicy(Policy, new SharedResponsePolicy(TimeSpan.FromSeconds(30), PageTags,
            queryKeys: "*", headerNames: "blazor-enhanced-nav", // Blazor's enhanced navigation asks with this header and may be answered differently
            applies: IsAlike,
            onCached: context => context.Items[SharedRenderKey] = context.RequestServices.GetRequiredService<DatabaseReachability>().Now,
            // Nothing rendered while the database was away: it would be served as it is after the database returns.
            keep: context => !(context.Items[SharedRenderKey] is DateTime started
                               && context.RequestServices.GetRequiredService<DatabaseReachability>().AwayDuring(started)))));
        // Blazor asks for an antiforgery token on every page (for its persisted component state), which would set
        // a cookie and make every page uncacheable: on a shared page the token is made but not stored (see below).
        var antiforgery = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.AddSingleton<IAntiforgery>(sp => new SharedPageAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, antiforgery.ImplementationType!)));
        services.AddHostedService<StorefrontCacheInvalidator>();
        return services;
    }

    /// <summary>
    /// Tags the page being rendered with what it shows, so the events that change those things evict it (a page's ids
    /// are known only once it has loaded them). Does nothing when the page is not being cached.
    /// </summary>
    public static void Shows(HttpContext? context, params IEnumerable<string> tags)
    {
        if (PersonalPages.TemplateTags(context) is { } template) template.UnionWith(tags);
        if (!IsSharedRender(context) || context!.Features.Get<IOutputCacheFeature>()?.Context is not { } cache) return;
        foreach (var tag in tags) cache.Tags.Add(tag);
    }

    /// <summary>
    /// True while rendering a page that other visitors may be served (a shared copy, or a template of
    /// <see cref="PersonalPages"/>): it must hold nothing of this visitor's.
    /// </summary>
    public static bool IsSharedRender(HttpContext? context) =>
        context?.Items.ContainsKey(SharedRenderKey) == true || PersonalPages.IsTemplateRender(context);

    /// <summary>A cookie that changes what a shared page shows (no shared copy for a request that sends one).</summary>
    public static bool IsPersonalCookie(string name) => PersonalCookies.Contains(name);

    /// <summary>Every shared page; those that can list any product, also the catalogue's.</summary>
    private static IEnumerable<string> PageTags(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<SharedWithAnonymousVisitorsAttribute>() is { ListsAnyProduct: true } ? [Tag, CatalogueTag] : [Tag];

    private static bool IsAlike(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<SharedWithAnonymousVisitorsAttribute>() is not null
        && context.User.Identity?.IsAuthenticated != true
        && context.Request.Headers.Authorization.Count == 0
        && !context.Request.Cookies.Keys.Any(name => PersonalCookies.Contains(name) || name.StartsWith(".AspNetCore.", StringComparison.Ordinal));
}

/// <summary>
/// Marks a storefront page whose anonymous rendering may be shared (StorefrontCache): every form on it uses
/// ShopperFormToken, and nothing on it depends on the visitor beyond the cookies StorefrontCache looks at.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharedWithAnonymousVisitorsAttribute : Attribute
{
    /// <summary>The page can list any product (home, search, category): evicted by every catalogue change.</summary>
    public bool ListsAnyProduct { get; set; }

    /// <summary>The page shows the visitor's recently viewed products (home): never made from a template (PersonalPages).</summary>
    public bool ShowsRecentlyViewed { get; set; }
}

/// <summary>
/// Antiforgery as usual, except while rendering a shared page: there the token Blazor puts into its component state
/// is made without setting the visitor's cookie (the page holds no form token of its own: ShopperFormToken).
/// </summary>
internal sealed class SharedPageAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        StorefrontCache.IsSharedRender(httpContext) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);
    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);
    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);
    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}

/// <summary>
/// Evicts this node's cached storefront pages that an outbox event (of any node) changed, and only those: it reads the
/// events after its position with <see cref="OutboxCursor"/> (so an event committed out of id order is not missed)
/// and evicts the tags <see cref="StorefrontEviction"/> names. Orders, payments and shipments evict nothing by
/// themselves: what they change on a page comes as a stock event of its own. Listings are read from this node's search
/// index, so a batch is evicted once the index has read past it: a page rendered again at once shows the change.
/// </summary>
internal sealed class StorefrontCacheInvalidator(
    IDbContextFactory<AppDbContext> contexts, OutboxCursor cursor, IOutputCacheStore store, Ecommerce.Core.Search.ProductSearchIndex index,
    ILogger<StorefrontCacheInvalidator> logger, DatabaseReachability reachability) : BackgroundService
{
    private readonly DatabaseLoop _health = reachability.Loop("Storefront cache invalidation", logger);

    /// <summary>How long an eviction waits for the index to apply its events (it is evicted anyway afterwards).</summary>
    private static readonly TimeSpan IndexWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OutboxPosition? position = null; // in memory like the cache itself: a restarted node starts with an empty cache
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                position ??= await cursor.CurrentAsync(db, stoppingToken);
                OutboxBatch batch;
                do
                {
                    batch = await cursor.ReadAsync(db, position, StorefrontEviction.Types, BatchSize, stoppingToken);
                    if (batch.Events.Count > 0) await IndexReadPastAsync(batch.Events.Max(e => e.Id), stoppingToken);
                    foreach (var tag in await StorefrontEviction.TagsAsync(db, batch.Events, stoppingToken))
                        await store.EvictByTagAsync(tag, stoppingToken);
                    position = batch.Position; // after the eviction: a failed one is read and evicted again
                } while (!batch.CaughtUp);
                _health.Succeeded();
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                _health.Failed(e);
                try { await Task.Delay(Poll, stoppingToken); } catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task IndexReadPastAsync(long eventId, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((index.Checkpoint() ?? long.MaxValue) < eventId && waited.Elapsed < IndexWait)
            await Task.Delay(50, cancellationToken);
    }
}
