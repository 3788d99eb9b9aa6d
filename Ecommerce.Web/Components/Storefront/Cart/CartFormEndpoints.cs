using Ecommerce.Core.Carts;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Web.Components.Storefront.Cart;

/// <summary>The cart's form posts (product page, product cards, the cart page); the JSON API is Api/Store*.</summary>
internal static class CartFormEndpoints
{
    public static IEndpointRouteBuilder MapCartForms(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/cart").ExcludeFromDescription().DisableAntiforgery(); // checked in ShopperFormPost
        cart.MapPost("/add", (HttpContext http, CartService carts, [FromForm] int variantId, [FromForm] int? quantity, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/cart", async shopper =>
            {
                await carts.AddAsync(shopper, variantId, quantity ?? 1, http.RequestAborted);
                return new Flash("Added to your cart.", Link: "/cart", LinkText: "View cart");
            }));
        cart.MapPost("/update", (HttpContext http, CartService carts, [FromForm] int variantId, [FromForm] int quantity, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/cart", async shopper =>
            {
                await carts.SetQuantityAsync(shopper, variantId, quantity, http.RequestAborted);
                return new Flash(quantity == 0 ? "Removed from your cart." : "Quantity updated.");
            }));
        cart.MapPost("/remove", (HttpContext http, CartService carts, [FromForm] int variantId, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/cart", async shopper =>
            {
                await carts.RemoveAsync(shopper, variantId, http.RequestAborted);
                return new Flash("Removed from your cart.");
            }));
        cart.MapPost("/move-to-wishlist", (HttpContext http, CartService carts, [FromForm] int variantId, [FromForm] string? returnUrl) =>
            ShopperFormPost.RunAsync(http, returnUrl, "/cart", async shopper =>
            {
                await carts.MoveToWishlistAsync(shopper, variantId, http.RequestAborted);
                return new Flash("Moved to your saved items.", Link: "/wishlist", LinkText: "View saved items");
            }));
        return app;
    }
}
