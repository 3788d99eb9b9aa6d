using Ecommerce.Core.Carts;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Web.Components.Storefront.Wishlist;

/// <summary>The wishlist's form posts (the hearts on product pages and cards, the wishlist page).</summary>
internal static class WishlistFormEndpoints
{
    public static IEndpointRouteBuilder MapWishlistForms(this IEndpointRouteBuilder app)
    {
        var wishlist = app.MapGroup("/wishlist").ExcludeFromDescription().DisableAntiforgery(); // checked in ShopperFormPost
        wishlist.MapPost("/add", (HttpContext http, WishlistService wishlists, [FromForm] int productId, [FromForm] int? variantId, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/wishlist", async shopper =>
            {
                await wishlists.AddAsync(shopper, productId, variantId, http.RequestAborted);
                return new Flash("Saved for later.", Link: "/wishlist", LinkText: "View saved items");
            }));
        wishlist.MapPost("/remove", (HttpContext http, WishlistService wishlists, [FromForm] int productId, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/wishlist", async shopper =>
            {
                await wishlists.RemoveAsync(shopper, productId, http.RequestAborted);
                return new Flash("Removed from your saved items.");
            }));
        wishlist.MapPost("/move-to-cart", (HttpContext http, WishlistService wishlists, [FromForm] int productId, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/wishlist", async shopper =>
            {
                await wishlists.MoveToCartAsync(shopper, productId, http.RequestAborted);
                return new Flash("Moved to your cart.", Link: "/cart", LinkText: "View cart");
            }));
        return app;
    }
}
