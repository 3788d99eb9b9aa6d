using System.Text.Json;
using Ecommerce.Core.Events;
using Ecommerce.Core.Payments;

namespace Ecommerce.Core.Orders;

/// <summary>Applies accepted payment notices (payment.succeeded / payment.failed) to their orders.</summary>
public sealed class PaymentEventHandler(OrderPayments payments) : IEventHandler
{
    public bool Handles(string eventType) => eventType is EventTypes.PaymentSucceeded or EventTypes.PaymentFailed;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var notice = JsonSerializer.Deserialize<PaymentNotice>(message.Payload, Outbox.Json)!;
        return notice.Succeeded
            ? payments.SucceededAsync(notice, cancellationToken)
            : payments.FailedAsync(notice, cancellationToken);
    }
}
