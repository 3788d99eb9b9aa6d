namespace Ecommerce.Web.Components.Layout;

/// <summary>
/// The header's cart link with the visitor's count: written by the header, and by Hosting/PersonalPages into a
/// page template's slot, so both are the same markup.
/// </summary>
internal static class CartLink
{
    /// <param name="count">The units in the cart; null when unknown (the database is away): the link without a count.</param>
    public static string Html(int? count) => count is not { } n
        ? "<a href=\"/cart\" class=\"cart-link\">Cart</a>"
        : $"<a href=\"/cart\" class=\"cart-link\" aria-label=\"Cart, {n} {(n == 1 ? "item" : "items")}\">Cart <span class=\"cart-count\" aria-hidden=\"true\">{n}</span></a>";
}
