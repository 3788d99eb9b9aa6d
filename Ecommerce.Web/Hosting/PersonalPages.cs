using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Data;
using Ecommerce.Web.Components.Layout;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// A shared storefront page (home, search, category, product, shop) for a guest whose only cookies are a cart token
/// and an antiforgery token: what the page shows is the same for every such guest except the cart count, the hearts
/// of saved products and the forms' antiforgery token. The page is rendered once per node as a template (like the
/// output cache's copy: nothing of the visitor's in it) in which those parts are marked slots, kept in the output
/// cache's store beside the shared copies with the same tags and lifetime, so the same events evict it
/// (<see cref="StorefrontEviction"/>). Every request fills the slots for its visitor: the cart count and the saved
/// ones among the page's products (two statements by key, whatever the page or the catalogue), and a token.
/// Signed-in visitors, guests with a delivery location or a notice, and on the home page guests with recently viewed
/// products, get a page rendered for them as before.
/// </summary>
internal static class PersonalPages
{
    private static readonly object TemplateRenderKey = new();
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30); // a shared copy's (StorefrontCache)
    private const string KeyPrefix = "personal-template\u001e";

    // A slot is marked by a control character and this process's random word, which no text on a page can hold by
    // chance or on purpose (a merchant's description passes control characters through), then its name and another
    // control character. The names below are the u8 literals FillAsync reads.
    private static readonly string Open = "\u0001" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private static readonly byte[] OpenBytes = Encoding.ASCII.GetBytes(Open);
    private const char Close = '\u0002';

    /// <summary>The header's cart link (<see cref="CartLink"/>), whose count is the visitor's.</summary>
    public static readonly string CartLinkSlot = $"{Open}cart{Close}";
    private static readonly byte[] CartLinkBytes = Encoding.ASCII.GetBytes(CartLinkSlot);
    /// <summary>A form's antiforgery token (the visitor's).</summary>
    public static readonly string TokenSlot = $"{Open}token{Close}";
    /// <summary>Before what a product shows when the visitor has not saved it; <see cref="IfSaved"/>, then <see cref="EndSaved"/>.</summary>
    public static string IfNotSaved(int productId) => $"{Open}saved:{productId}{Close}";
    public static readonly string IfSaved = $"{Open}else{Close}";
    public static readonly string EndSaved = $"{Open}end{Close}";

    /// <summary>True while rendering a template: its personal parts are slots, and it must hold nothing of this visitor's.</summary>
    public static bool IsTemplateRender(HttpContext? context) => context?.Items.ContainsKey(TemplateRenderKey) == true;

    /// <summary>The tags of the template being rendered (<see cref="StorefrontCache.Shows"/>), or null.</summary>
    public static ISet<string>? TemplateTags(HttpContext? context) => context?.Items[TemplateRenderKey] as ISet<string>;

    public static IApplicationBuilder UsePersonalPages(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsTemplated(context))
        {
            await next(context);
            return;
        }
        var store = context.RequestServices.GetRequiredService<IOutputCacheStore>();
        var key = KeyPrefix + context.Request.Headers["blazor-enhanced-nav"] + "\u001e" + context.Request.Path + context.Request.QueryString;
        if (await store.GetAsync(key, context.RequestAborted) is { } template)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await FillAsync(context, template);
            return;
        }

        var tags = new HashSet<string> { StorefrontCache.Tag };
        if (context.GetEndpoint()?.Metadata.GetMetadata<SharedWithAnonymousVisitorsAttribute>() is { ListsAnyProduct: true })
            tags.Add(StorefrontCache.CatalogueTag);
        var database = context.RequestServices.GetRequiredService<DatabaseReachability>();
        var started = database.Now;
        var body = context.Response.Body;
        using var rendered = new MemoryStream();
        context.Response.Body = rendered;
        context.Items[TemplateRenderKey] = tags;
        try { await next(context); }
        finally
        {
            context.Items.Remove(TemplateRenderKey);
            context.Response.Body = body;
        }
        var page = rendered.ToArray();
        // Only a plain page, like a shared copy: no cookie, no error, no redirect, nothing served without the database.
        if (page.Length > 0 && context.Response.StatusCode == StatusCodes.Status200OK && context.Response.Headers.SetCookie.Count == 0
            && !database.AwayDuring(started)
            && context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            await store.SetAsync(key, page, [.. tags], Lifetime, context.RequestAborted);
        if (page.Length > 0) await FillAsync(context, page);
    });

    /// <summary>
    /// A GET of a shared page by a guest whose cookies change nothing on it but the slots (recently viewed products
    /// change only the home page).
    /// </summary>
    private static bool IsTemplated(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<SharedWithAnonymousVisitorsAttribute>() is { } page
        && context.User.Identity?.IsAuthenticated != true
        && context.Request.Headers.Authorization.Count == 0
        && ShopperCookie.GuestToken(context) is not null
        && context.Request.Cookies.Keys.All(name => name == ShopperCookie.Name
            || name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)
            || (name == RecentlyViewed.Cookie && !page.ShowsRecentlyViewed)
            || !(StorefrontCache.IsPersonalCookie(name) || name.StartsWith(".AspNetCore.", StringComparison.Ordinal)));

    /// <summary>Writes the template with its slots filled for this visitor.</summary>
    private static async Task FillAsync(HttpContext context, byte[] template)
    {
        var services = context.RequestServices;
        var shopper = ShopperCookie.Current(context, createIfMissing: false);
        var (cartCount, saved) = shopper is { } key
            ? await services.GetRequiredService<CardShortcuts>().BadgesAsync(key, SavedSlots(template), template.AsSpan().IndexOf(CartLinkBytes) >= 0, context.RequestAborted)
            : ((int?)0, (IReadOnlySet<int>)new HashSet<int>());
        // As the page's own render does: the visitor's token (and cookie, when they have none yet).
        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var tokenInput = Encoding.UTF8.GetBytes($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\" />");
        var cartLink = Encoding.UTF8.GetBytes(CartLink.Html(cartCount));

        var output = context.Response.BodyWriter;
        ReadOnlySpan<byte> rest = template;
        var writing = true;
        while (Next(ref rest, out var before, out var slot))
        {
            if (writing) output.Write(before);
            if (slot.SequenceEqual("cart"u8)) { if (writing) output.Write(cartLink); }
            else if (slot.SequenceEqual("token"u8)) { if (writing) output.Write(tokenInput); }
            else if (slot.SequenceEqual("else"u8)) writing = !writing;
            else if (slot.SequenceEqual("end"u8)) writing = true;
            else if (SavedId(slot) is { } id) writing = !saved.Contains(id);
        }
        output.Write(rest);
        await output.FlushAsync(context.RequestAborted);
    }

    private static List<int> SavedSlots(ReadOnlySpan<byte> template)
    {
        var ids = new List<int>();
        while (Next(ref template, out _, out var slot))
            if (SavedId(slot) is { } id) ids.Add(id);
        return ids;
    }

    /// <summary>The text before the next slot and the slot's name, leaving <paramref name="rest"/> after it.</summary>
    private static bool Next(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> before, out ReadOnlySpan<byte> slot)
    {
        before = slot = default;
        var open = rest.IndexOf(OpenBytes);
        if (open < 0) return false;
        var name = rest[(open + OpenBytes.Length)..];
        var close = name.IndexOf((byte)Close);
        if (close < 0) return false;
        before = rest[..open];
        slot = name[..close];
        rest = name[(close + 1)..];
        return true;
    }

    private static int? SavedId(ReadOnlySpan<byte> slot) =>
        slot.StartsWith("saved:"u8) && Utf8Parser.TryParse(slot["saved:"u8.Length..], out int id, out var used) && used == slot.Length - "saved:"u8.Length
            ? id : null;
}
