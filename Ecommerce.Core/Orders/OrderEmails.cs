using System.Globalization;
using System.Text;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Email;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using static System.Net.WebUtility;

namespace Ecommerce.Core.Orders;

/// <summary>
/// The order emails, sent from the outbox: the receipt to the shopper and "new order" to each merchant when an
/// order is paid; a note to the shopper when payment fails or the order expires; carrier, tracking and items of each parcel
/// shipped; each shop order cancelled (by its merchant or the shopper); each refund. Each mail is sent once per event and recipient (<see cref="OnceOnlyEmail"/>), however often the
/// event is delivered. Everything a user typed is HTML-encoded.
/// </summary>
public sealed class OrderEmails(IDbContextFactory<AppDbContext> contexts, OnceOnlyEmail email) : IEventHandler
{
    public bool Handles(string eventType) => eventType is EventTypes.OrderPaid or EventTypes.OrderPaymentFailed or EventTypes.OrderExpired
        or EventTypes.ShipmentSent or EventTypes.OrderCancelled or EventTypes.ShopOrderCancelled or EventTypes.ShopOrderRefunded or EventTypes.ReturnDecided;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize<OrderEvent>(message.Payload, Outbox.Json)!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().Include(o => o.ShopOrders).ThenInclude(s => s.Lines).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == e.OrderId, cancellationToken);
        if (order is null) return;
        var key = $"{message.Type}:{order.Id}";
        switch (message.Type)
        {
            case EventTypes.OrderPaid:
                await email.SendAsync($"{key}:shopper", new EmailMessage(order.Email, $"Your order {order.Number} is confirmed", Receipt(order)), cancellationToken);
                var shopIds = order.ShopOrders.Select(s => s.ShopId).ToList();
                var merchants = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id))
                    .Select(s => new { s.Id, s.Merchant!.ContactEmail }).ToDictionaryAsync(s => s.Id, s => s.ContactEmail, cancellationToken);
                foreach (var shopOrder in order.ShopOrders.Where(s => merchants.ContainsKey(s.ShopId)))
                    await email.SendAsync($"{key}:shop:{shopOrder.ShopId}", new EmailMessage(merchants[shopOrder.ShopId],
                        $"New order {order.Number} for {shopOrder.ShopName}", NewOrderForMerchant(order, shopOrder)), cancellationToken);
                break;
            case EventTypes.OrderPaymentFailed:
                await email.SendAsync($"{key}:shopper", new EmailMessage(order.Email, $"Payment for order {order.Number} did not go through",
                    Page($"We could not take the payment for order {HtmlEncode(order.Number)}",
                        $"<p>{HtmlEncode(e.Reason ?? "The payment was refused.")}</p><p>Nothing was charged, and the items are still in your cart if you want to try again.</p>")), cancellationToken);
                break;
            case EventTypes.OrderExpired:
                await email.SendAsync($"{key}:shopper", new EmailMessage(order.Email, $"Order {order.Number} expired",
                    Page($"Order {HtmlEncode(order.Number)} expired", "<p>We did not receive the payment in time, so the items went back on sale. Nothing was charged.</p>")), cancellationToken);
                break;
            case EventTypes.OrderCancelled:
                await email.SendAsync($"{key}:shopper", new EmailMessage(order.Email, $"Order {order.Number} was cancelled",
                    Page($"Order {HtmlEncode(order.Number)} was cancelled", $"<p>{HtmlEncode(e.Reason == "refund-due" ? "The items sold out before your payment arrived; it will be refunded in full." : e.Reason ?? "")}</p>")), cancellationToken);
                break;
            case EventTypes.ShopOrderCancelled:
                // One mail per shop order: cancelling a whole order of three shops cancels three shop orders.
                if (order.ShopOrders.FirstOrDefault(s => s.Id == e.ShopOrderId) is not { } cancelled) break;
                await email.SendAsync($"{key}:{cancelled.Id}:shopper", new EmailMessage(order.Email, $"Your {cancelled.ShopName} items from order {order.Number} were cancelled",
                    Page($"Your {HtmlEncode(cancelled.ShopName)} items were cancelled",
                        $"<p>{HtmlEncode(e.Reason ?? "")}</p>{LinesTable(cancelled.Lines, order.Currency)}" +
                        $"<p>What you paid for them, {Money(cancelled.Total, order.Currency)}, goes back to the card you paid with; your bank may take a few days to show it.</p>")), cancellationToken);
                break;
            case EventTypes.ShopOrderRefunded:
                var refund = JsonSerializer.Deserialize<RefundEvent>(message.Payload, Outbox.Json)!;
                var refundedShop = order.ShopOrders.FirstOrDefault(s => s.Id == refund.ShopOrderId)?.ShopName ?? "";
                await email.SendAsync($"{key}:{refund.RefundId}:shopper", new EmailMessage(order.Email, $"A refund of {Money(refund.Amount, refund.Currency)} for order {order.Number}",
                    Page($"{HtmlEncode(refundedShop)} refunded {Money(refund.Amount, refund.Currency)}",
                        $"<p>Reason: {HtmlEncode(refund.Reason)}</p><p>The money goes back to the card you paid with; your bank may take a few days to show it.</p>")), cancellationToken);
                break;
            case EventTypes.ReturnDecided:
                var decided = JsonSerializer.Deserialize<ReturnEvent>(message.Payload, Outbox.Json)!;
                var request = await db.ReturnRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == decided.ReturnRequestId, cancellationToken);
                if (request is null || request.Status == ReturnStatus.Requested) break;
                var approved = request.Status == ReturnStatus.Approved;
                await email.SendAsync($"{key}:{request.Id}:shopper", new EmailMessage(order.Email, $"Your return for order {order.Number} was {(approved ? "approved" : "refused")}",
                    Page($"Your return was {(approved ? "approved" : "refused")}", approved
                        ? "<p>The refund is on its way to the card you paid with.</p>"
                        : $"<p>The shop's note: {HtmlEncode(request.DecisionNote ?? "")}</p>")), cancellationToken);
                break;
            case EventTypes.ShipmentSent:
                // One mail per parcel: a shop order shipped in parts tells the shopper about each part.
                var sent = JsonSerializer.Deserialize<ShipmentEvent>(message.Payload, Outbox.Json)!;
                var shipment = await db.Shipments.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == sent.ShipmentId, cancellationToken);
                if (shipment is null || order.ShopOrders.FirstOrDefault(s => s.Id == shipment.ShopOrderId) is not { } shipped) break;
                var parcel = shipment.Lines.Select(l => (Line: shipped.Lines.First(x => x.Id == l.OrderLineId), l.Quantity))
                    .Select(p => new OrderLine { ProductName = p.Line.ProductName, VariantTitle = p.Line.VariantTitle, Sku = p.Line.Sku, Quantity = p.Quantity, LineTotal = p.Line.UnitPrice * p.Quantity });
                await email.SendAsync($"{key}:{shipment.Id}:shopper", new EmailMessage(order.Email, $"Your {shipped.ShopName} items from order {order.Number} are on their way",
                    Page($"{HtmlEncode(shipped.ShopName)} shipped your items",
                        $"<p>Carrier: <strong>{HtmlEncode(shipment.Carrier)}</strong><br>Tracking number: <strong>{HtmlEncode(shipment.TrackingNumber)}</strong></p>{LinesTable(parcel, order.Currency)}")), cancellationToken);
                break;
        }
    }

    private static string Receipt(Order order)
    {
        var body = new StringBuilder($"<p>Thank you! We received your payment of <strong>{Money(order.Total, order.Currency)}</strong>.</p>");
        foreach (var shop in order.ShopOrders)
            body.Append($"<h2>{HtmlEncode(shop.ShopName)}</h2>{LinesTable(shop.Lines, order.Currency)}<p>Shipping ({HtmlEncode(shop.ShippingMethod)}, {shop.DeliveryMinDays}–{shop.DeliveryMaxDays} days): {Money(shop.Shipping, order.Currency)}</p>");
        body.Append($"<p>Subtotal {Money(order.Subtotal, order.Currency)} · Discount −{Money(order.Discount, order.Currency)} · Shipping {Money(order.Shipping, order.Currency)} · Tax {Money(order.Tax, order.Currency)}<br><strong>Total {Money(order.Total, order.Currency)}</strong></p>");
        body.Append($"<p>Delivering to: {HtmlEncode(order.ShipTo.ToString())}</p>");
        return Page($"Order {HtmlEncode(order.Number)} is confirmed", body.ToString());
    }

    private static string NewOrderForMerchant(Order order, ShopOrder shop) =>
        Page($"New order {HtmlEncode(order.Number)}",
            $"<p>{HtmlEncode(shop.ShopName)} has a paid order to fulfil ({Money(shop.Total, order.Currency)}).</p>{LinesTable(shop.Lines, order.Currency)}" +
            $"<p>Ship to: {HtmlEncode(order.ShipTo.ToString())}<br>Method: {HtmlEncode(shop.ShippingMethod)}</p><p>Open the merchant console's Orders page to fulfil it.</p>");

    private static string LinesTable(IEnumerable<OrderLine> lines, string currency) =>
        "<table cellpadding=\"4\"><tr><th align=\"left\">Item</th><th>Qty</th><th align=\"right\">Price</th></tr>" +
        string.Concat(lines.Select(l => $"<tr><td>{HtmlEncode(l.ProductName)} <small>({HtmlEncode(l.VariantTitle)})</small></td><td align=\"center\">{l.Quantity}</td><td align=\"right\">{Money(l.LineTotal, currency)}</td></tr>")) +
        "</table>";

    private static string Page(string title, string body) => MailPage.Html(title, body);

    private static string Money(decimal amount, string currency) =>
        currency == "USD" ? amount.ToString("$#,0.00", CultureInfo.InvariantCulture) : $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {currency}";
}
