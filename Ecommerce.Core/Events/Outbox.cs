using System.Text.Json;
using Ecommerce.Core.Data;

namespace Ecommerce.Core.Events;

/// <summary>
/// Writes events into the outbox through the caller's DbContext, so they commit or roll back with the change.
/// </summary>
public static class Outbox
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Enqueue<T>(this AppDbContext db, string type, T payload)
    {
        var message = new OutboxMessage { Type = type, Payload = JsonSerializer.Serialize(payload, Json) };
        db.OutboxMessages.Add(message);
        return message;
    }
}
