namespace Ecommerce.Web.Components.Layout;

/// <summary>
/// The header's cart link with the visitor's count: written by the header, and by Hosting/PersonalPages into a
/// page template's slot, so both are the same markup.
/// </summary>
internal static class CartLink
{
    public static string Html(int count) =>
        $"<a href=\"/cart\" class=\"cart-link\" aria-label=\"Cart, {count} {(count == 1 ? "item" : "items")}\">Cart <span class=\"cart-count\" aria-hidden=\"true\">{count}</span></a>";
}
