namespace Ecommerce.Core.Events;

/// <summary>
/// Reacts to outbox events of the types it names. Delivery is at least once: a handler must be idempotent
/// (a second delivery of the same event id changes nothing). Register with AddEventHandler&lt;T&gt;(); adding a
/// subscriber never touches the code that raises the event.
/// </summary>
public interface IEventHandler
{
    bool Handles(string eventType);
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
