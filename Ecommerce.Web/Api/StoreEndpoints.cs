using Microsoft.OpenApi;

namespace Ecommerce.Web.Api;

/// <summary>
/// The store API under /api/v1 for shoppers' apps and load tests: cart, wishlist, checkout and orders, on the same
/// Core services as the storefront pages. Signed-in callers use Identity's bearer token or the site cookie;
/// guests send <c>X-Cart-Token</c>. Errors are problem details (ProblemMapping).
/// </summary>
internal static class StoreEndpoints
{
    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Core names the idempotency key as a field; on the wire it is a header.
        var store = endpoints.MapGroup("/api/v1").WithProblemMapping(field => field == "idempotencyKey" ? "Idempotency-Key" : field);
        store.MapStoreCart();
        store.MapStoreWishlist();
        store.MapStoreCheckout();
        store.MapStoreOrders();
        return endpoints;
    }

    internal static RouteHandlerBuilder Describe(this RouteHandlerBuilder route, string name, string summary) => route.WithName(name).WithSummary(summary);

    /// <summary>
    /// Documents a whole-number query parameter that the handler reads itself (ApiRequest.QueryInt), so a bad
    /// value is a 400 naming it rather than a binding failure.
    /// </summary>
    internal static RouteHandlerBuilder WithIntQuery(this RouteHandlerBuilder route, string name, string description) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            });
            return Task.CompletedTask;
        });
}
