using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Shipping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Web.Api;

/// <summary>The cart and the wishlist over HTTP (CartService, WishlistService): what the cart page and the heart buttons do.</summary>
internal static class StoreCartEndpoints
{
    public static void MapStoreCart(this RouteGroupBuilder store)
    {
        var cart = store.MapGroup("/cart").WithTags("Cart");
        cart.MapGet("", GetAsync).Describe("GetCart", "The cart priced now, by shop, with availability; shipping and tax estimated for ?country=&postalCode=&region=")
            .ProducesValidationProblem();
        cart.MapPost("/lines", AddAsync).Describe("AddCartLine", "Add units of a variant (to its line if there is one); returns the line")
            .Accepts<CartLineRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        cart.MapPut("/lines/{variantId:int}", SetAsync).Describe("SetCartLineQuantity", "Set a line's quantity (1 to 99; DELETE removes it)")
            .Accepts<QuantityRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        cart.MapDelete("/lines/{variantId:int}", RemoveAsync).Describe("RemoveCartLine", "Remove a line (nothing happens if it is not there)")
            .ProducesValidationProblem();
        cart.MapPost("/lines/{variantId:int}/move-to-wishlist", MoveToWishlistAsync).Describe("MoveCartLineToWishlist", "Save a line's product for later and take it out of the cart")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapStoreWishlist(this RouteGroupBuilder store)
    {
        var wishlist = store.MapGroup("/wishlist").WithTags("Wishlist");
        wishlist.MapGet("", ListAsync).Describe("GetWishlist", "Saved products, newest first, a page at a time")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Items per page, 1 to 100 (default 24)").ProducesValidationProblem();
        wishlist.MapPut("/{productId:int}", SaveAsync).Describe("SaveToWishlist", "Save a product (saving it again changes nothing)")
            .WithIntQuery("variantId", "Remember this variant of the product").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        wishlist.MapDelete("/{productId:int}", UnsaveAsync).Describe("RemoveFromWishlist", "Remove a saved product").ProducesValidationProblem();
        wishlist.MapPost("/{productId:int}/move-to-cart", MoveToCartAsync).Describe("MoveWishlistItemToCart", "Put one of a saved product (its saved variant, or the first) in the cart")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<QuoteResponse>> GetAsync(HttpContext context, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken,
        string? country, string? postalCode, string? region, string? couponCode, CartService carts)
    {
        var shopper = StoreCaller.From(context.User, cartToken).Cart;
        var location = string.IsNullOrWhiteSpace(country) && string.IsNullOrWhiteSpace(postalCode) && string.IsNullOrWhiteSpace(region)
            ? null
            : DeliveryLocation.Create(country, postalCode, region)
              ?? throw ValidationException.For(string.IsNullOrWhiteSpace(country) ? "country" : "postalCode", "country, postalCode and region do not make a valid location");
        return TypedResults.Ok(QuoteResponse.From(await carts.ViewAsync(shopper, location, couponCode, context.RequestAborted)));
    }

    private static async Task<Ok<CartLineResponse>> AddAsync(HttpRequest request, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, CartService carts)
    {
        var shopper = StoreCaller.From(request.HttpContext.User, cartToken).Cart;
        var body = await request.ReadJsonAsync<CartLineRequest>();
        var quantity = await carts.AddAsync(shopper, body.VariantId, body.Quantity, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new CartLineResponse(body.VariantId, quantity));
    }

    private static async Task<Ok<CartLineResponse>> SetAsync(int variantId, HttpRequest request, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, CartService carts)
    {
        var shopper = StoreCaller.From(request.HttpContext.User, cartToken).Cart;
        var body = await request.ReadJsonAsync<QuantityRequest>();
        // Zero is not a quantity here: removing is DELETE, so a client bug that sends 0 does not silently empty a line.
        if (body.Quantity is < 1 or > Pricer.MaxQuantityPerLine)
            throw ValidationException.For("quantity", $"must be between 1 and {Pricer.MaxQuantityPerLine} (DELETE removes a line)");
        await carts.SetQuantityAsync(shopper, variantId, body.Quantity, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new CartLineResponse(variantId, body.Quantity));
    }

    private static async Task<NoContent> RemoveAsync(int variantId, HttpContext context, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, CartService carts)
    {
        await carts.RemoveAsync(StoreCaller.From(context.User, cartToken).Cart, variantId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MoveToWishlistAsync(int variantId, HttpContext context, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, CartService carts)
    {
        await carts.MoveToWishlistAsync(StoreCaller.From(context.User, cartToken).Cart, variantId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WishlistPageResponse>> ListAsync(HttpRequest request, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, WishlistService wishlist)
    {
        var shopper = StoreCaller.From(request.HttpContext.User, cartToken).Cart;
        var page = PageRequest.Of(request.QueryInt("page", 1, 1_000_000), request.QueryInt("pageSize", 1, PageRequest.MaxPageSize));
        var result = await wishlist.ListAsync(shopper, page.Page, page.PageSize, request.HttpContext.RequestAborted);
        return TypedResults.Ok(WishlistPageResponse.From(result));
    }

    private static async Task<NoContent> SaveAsync(int productId, HttpRequest request, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, WishlistService wishlist)
    {
        var shopper = StoreCaller.From(request.HttpContext.User, cartToken).Cart;
        await wishlist.AddAsync(shopper, productId, request.QueryInt("variantId", 1, int.MaxValue), request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnsaveAsync(int productId, HttpContext context, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, WishlistService wishlist)
    {
        await wishlist.RemoveAsync(StoreCaller.From(context.User, cartToken).Cart, productId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MoveToCartAsync(int productId, HttpContext context, [FromHeader(Name = StoreCaller.CartTokenHeader)] string? cartToken, WishlistService wishlist)
    {
        await wishlist.MoveToCartAsync(StoreCaller.From(context.User, cartToken).Cart, productId, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
