namespace Ecommerce.Core.Orders;

/// <summary>One line of the shopper's tracking timeline.</summary>
public sealed record TimelineEntry(DateTime At, string Title, string? Reason);

/// <summary>
/// The tracking timeline a shopper reads, from the order's history rows. A status moves the order and its shop orders
/// alike (each writes its own row), so the timeline names each status once: for an order from one shop, the shop
/// order's rows and the order's say the same thing; for an order from several shops, each shop's progress is told
/// with the shop's name and the order's own row for that status is left out. Notes (rows that move nothing) are all told.
/// </summary>
public static class TrackingTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(OrderDetail order)
    {
        var severalShops = order.ShopOrders.Count > 1;
        var shopNames = order.ShopOrders.ToDictionary(s => s.Id, s => s.ShopName);
        var shopStatuses = order.History.Where(h => h.ShopOrderId is not null).Select(h => h.To).ToHashSet();
        var entries = new List<TimelineEntry>();
        var seen = new Dictionary<(OrderStatus, string?), int>();
        foreach (var step in order.History.OrderBy(h => h.At))
        {
            // A row that moves nothing is a note (a parcel of a partly shipped order): always told, never a status.
            if (step.From == step.To)
            {
                entries.Add(new TimelineEntry(step.At, "Update", step.Reason));
                continue;
            }
            if (severalShops && step.ShopOrderId is null && shopStatuses.Contains(step.To)) continue;
            var shop = severalShops && step.ShopOrderId is { } id ? shopNames.GetValueOrDefault(id) : null;
            if (seen.TryGetValue((step.To, shop), out var index))
            {
                // The same status again: keep the first time, with the reason whichever row gave one.
                if (entries[index].Reason is null && step.Reason is not null) entries[index] = entries[index] with { Reason = step.Reason };
                continue;
            }
            var what = step.To == OrderStatus.PendingPayment ? "Order placed" : OrderTransitions.Label(step.To);
            seen[(step.To, shop)] = entries.Count;
            entries.Add(new TimelineEntry(step.At, shop is null ? what : $"{what} ({shop})", step.Reason));
        }
        return entries;
    }
}
