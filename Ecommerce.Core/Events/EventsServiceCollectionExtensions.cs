using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Subscribes a handler to outbox events; the code that raises the events does not change.</summary>
    public static IServiceCollection AddEventHandler<THandler>(this IServiceCollection services)
        where THandler : class, IEventHandler =>
        services.AddScoped<IEventHandler, THandler>();
}
