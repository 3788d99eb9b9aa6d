using Ecommerce.Core.Carts;
using Ecommerce.Core.Common;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace Ecommerce.Web.Components.Shared;

/// <summary>
/// The shape of every small cart and wishlist form (add, remove, move...): plain HTML posts with an antiforgery
/// token that work without JavaScript. The action runs for the current shopper (a guest gets a cart token on their
/// first one), then the browser goes back where it came from with a notice; a refused action becomes that notice.
/// The token is checked here rather than by the antiforgery middleware (the groups call DisableAntiforgery), so a
/// missing one is answered with a 400 that has a body, not re-executed into the site's error pages. A form of a page
/// cached for every anonymous visitor carries no token (it would be one visitor's; see Hosting/StorefrontCache.cs):
/// such a post is accepted only when the browser says it comes from this site (Origin, or Sec-Fetch-Site).
/// </summary>
internal static class ShopperFormPost
{
    public static async Task<IResult> RunAsync(HttpContext context, string? returnUrl, string fallbackUrl, Func<ShopperKey, Task<Flash>> action)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var valid = form.ContainsKey(TokenField)
            ? await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
            : IsFromThisSite(context);
        if (!valid)
            return Results.Problem(title: "This form has expired", detail: "Go back, reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        var shopper = ShopperCookie.Current(context, createIfMissing: true)!.Value;
        Flash flash;
        try { flash = await action(shopper); }
        catch (DomainException e) { flash = new Flash(FieldError.Describe(e), IsError: true); }
        flash.Send(context);
        return Results.Redirect(LocalUrl.OrDefault(returnUrl, fallbackUrl));
    }

    private const string TokenField = "__RequestVerificationToken";

    /// <summary>Browsers name the page a post comes from in Origin (all current ones do for POST), else in Sec-Fetch-Site.</summary>
    private static bool IsFromThisSite(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return context.Request.Headers["Sec-Fetch-Site"] == "same-origin";
    }
}
