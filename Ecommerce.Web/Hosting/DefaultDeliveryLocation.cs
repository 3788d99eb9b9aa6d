using System.Security.Claims;
using Ecommerce.Core.Checkout;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Ecommerce.Web.Hosting;

internal static class DefaultDeliveryLocation
{
    /// <summary>
    /// A signed-in shopper who never picked a "Deliver to" location gets their default address's: one indexed
    /// query, only for page requests without the cookie.
    /// </summary>
    public static IApplicationBuilder UseDefaultDeliveryLocation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                && DeliveryCookie.Chosen(context) is null
                && await context.RequestServices.GetRequiredService<AddressBook>().DefaultLocationAsync(userId, context.RequestAborted) is { } location)
                DeliveryCookie.UseDefault(context, location);
            await next();
        });
}
