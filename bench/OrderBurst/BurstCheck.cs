using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Email;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace OrderBurst;

/// <summary>One invariant: its name, whether it holds, and what was found.</summary>
internal sealed record Invariant(string Name, bool Holds, string Detail)
{
    public override string ToString() => $"{(Holds ? "PASS" : "FAIL")}  {Name}: {Detail}";
}

/// <summary>What the database held before the burst: the ids after which its rows start, and the stock it started from.</summary>
internal sealed record BurstBaseline(int LastOrderId, long LastOutboxId, IReadOnlyDictionary<int, int> OnHand)
{
    public static async Task<BurstBaseline> ReadAsync(AppDbContext db, IReadOnlyCollection<int> variantIds) => new(
        await db.Orders.MaxAsync(o => (int?)o.Id) ?? 0,
        await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0,
        await db.StockItems.AsNoTracking().Where(s => variantIds.Contains(s.VariantId)).ToDictionaryAsync(s => s.VariantId, s => s.OnHand));
}

/// <summary>
/// Reads the database after a burst (and a crash) and checks what must hold, by queries of its own rather than
/// through the app: every answered order is there and paid, no order exists that was not answered, each was charged
/// once, the stock moved exactly once, each email went out once (its sent_emails row and the .eml file the app wrote),
/// and the outbox has nothing pending, in flight or parked.
/// </summary>
internal static class BurstCheck
{
    public static async Task<IReadOnlyList<Invariant>> RunAsync(AppDbContext db, BurstBaseline baseline, IReadOnlyCollection<BurstAnswer> answers, string mailFolder)
    {
        var results = new List<Invariant>();
        var answered = answers.Select(a => a.OrderId).ToHashSet();
        var orders = await db.Orders.AsNoTracking().Where(o => o.Id > baseline.LastOrderId && o.Email.EndsWith("@burst.test"))
            .Select(o => new { o.Id, o.Number, o.Status }).ToListAsync();
        var ids = orders.Select(o => o.Id).ToList();

        var missing = answered.Except(ids).Count();
        var unanswered = ids.Except(answered).Count();
        results.Add(new("none lost", missing == 0 && unanswered == 0,
            $"{answered.Count} orders answered 200/201, {orders.Count} in the database; {missing} answered but missing, {unanswered} in the database but never answered"));

        var notPaid = orders.Where(o => o.Status != OrderStatus.Paid).GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count());
        var shopOrdersNotPaid = await db.ShopOrders.CountAsync(s => s.OrderId > baseline.LastOrderId && ids.Contains(s.OrderId) && s.Status != OrderStatus.Paid);
        results.Add(new("every order paid", notPaid.Count == 0 && shopOrdersNotPaid == 0,
            notPaid.Count == 0 ? $"{orders.Count} orders and all their shop orders Paid"
                : $"not paid: {string.Join(", ", notPaid.Select(p => $"{p.Key} {p.Value}"))}; shop orders not paid {shopOrdersNotPaid}"));

        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId > baseline.LastOrderId && ids.Contains(p.OrderId))
            .Select(p => new { p.OrderId, p.Status, p.ProviderPaymentId }).ToListAsync();
        // Each "webhook" the provider sent names the payment it confirms: one charge per order means one payment id.
        var confirmations = (await db.OutboxMessages.AsNoTracking().Where(m => m.Id > baseline.LastOutboxId && m.Type == EventTypes.PaymentSucceeded)
                .Select(m => m.Payload).ToListAsync())
            .Select(p => JsonSerializer.Deserialize<PaymentNotice>(p, Outbox.Json)!).Where(n => answered.Contains(n.OrderId)).ToList();
        var paymentRows = payments.GroupBy(p => p.OrderId).Count(g => g.Count() != 1) + ids.Except(payments.Select(p => p.OrderId)).Count();
        var notSucceeded = payments.Count(p => p.Status != PaymentStatus.Succeeded || p.ProviderPaymentId is null);
        var chargedTwice = confirmations.GroupBy(n => n.OrderId).Count(g => g.Select(n => n.ProviderPaymentId).Distinct().Count() != 1);
        var confirmedTwice = await db.OrderHistory.Where(h => h.OrderId > baseline.LastOrderId && ids.Contains(h.OrderId) && h.To == OrderStatus.Paid)
            .GroupBy(h => h.OrderId).CountAsync(g => g.Count() != 1);
        results.Add(new("one payment per order", paymentRows == 0 && notSucceeded == 0 && chargedTwice == 0 && confirmedTwice == 0,
            $"{payments.Count} payments; orders without exactly one: {paymentRows}; not succeeded: {notSucceeded}; " +
            $"charged under two payment ids: {chargedTwice}; moved to Paid more than once: {confirmedTwice}"));

        var variants = baseline.OnHand.Keys.ToList();
        var sold = await db.OrderLines.Join(db.ShopOrders, l => l.ShopOrderId, s => s.Id, (l, s) => new { l.VariantId, l.Quantity, s.OrderId })
            .Where(l => l.OrderId > baseline.LastOrderId && ids.Contains(l.OrderId))
            .GroupBy(l => l.VariantId).Select(g => new { VariantId = g.Key, Quantity = g.Sum(l => l.Quantity) }).ToDictionaryAsync(g => g.VariantId, g => g.Quantity);
        var stock = await db.StockItems.AsNoTracking().Where(s => variants.Contains(s.VariantId)).ToListAsync();
        var wrongOnHand = stock.Count(s => baseline.OnHand[s.VariantId] - s.OnHand != sold.GetValueOrDefault(s.VariantId));
        var stillReserved = stock.Sum(s => s.Reserved);
        var activeReservations = await db.StockReservations.CountAsync(r => r.Status == ReservationStatus.Active && variants.Contains(r.VariantId));
        var committed = await db.StockReservations.Where(r => r.OrderId > baseline.LastOrderId && r.Status == ReservationStatus.Committed && variants.Contains(r.VariantId))
            .SumAsync(r => (int?)r.Quantity) ?? 0;
        results.Add(new("stock moved exactly once", wrongOnHand == 0 && stillReserved == 0 && activeReservations == 0 && committed == sold.Values.Sum(),
            $"{sold.Values.Sum()} units sold over {sold.Count} variants; variants whose on-hand fell by other than the units sold: {wrongOnHand}; " +
            $"still reserved {stillReserved}; active reservations {activeReservations}; units committed {committed}"));

        var shopOrders = await db.ShopOrders.AsNoTracking().Where(s => s.OrderId > baseline.LastOrderId && ids.Contains(s.OrderId)).Select(s => new { s.OrderId, s.ShopId }).ToListAsync();
        var keys = (await db.SentEmails.AsNoTracking().Where(e => e.Key.StartsWith(EventTypes.OrderPaid + ":")).Select(e => e.Key).ToListAsync()).ToHashSet();
        var receiptRows = ids.Count(id => keys.Contains($"{EventTypes.OrderPaid}:{id}:shopper"));
        var merchantRows = shopOrders.Count(s => keys.Contains($"{EventTypes.OrderPaid}:{s.OrderId}:shop:{s.ShopId}"));
        var files = MailSubjects(mailFolder);
        var receiptFiles = orders.Select(o => files.GetValueOrDefault($"Your order {o.Number} is confirmed")).ToList();
        // "New order {number} for {shop}": counted per order number.
        var merchantFilesByNumber = files.Where(f => f.Key.StartsWith("New order ", StringComparison.Ordinal) && f.Key.IndexOf(" for ", StringComparison.Ordinal) > 10)
            .GroupBy(f => f.Key[10..f.Key.IndexOf(" for ", StringComparison.Ordinal)]).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        var perOrderShops = shopOrders.GroupBy(s => s.OrderId).ToDictionary(g => g.Key, g => g.Count());
        var merchantWrong = orders.Count(o => merchantFilesByNumber.GetValueOrDefault(o.Number) != perOrderShops.GetValueOrDefault(o.Id));
        results.Add(new("one email of each kind per order",
            receiptRows == ids.Count && merchantRows == shopOrders.Count && receiptFiles.All(c => c == 1) && merchantWrong == 0,
            $"sent_emails: receipts {receiptRows} of {ids.Count}, merchant notices {merchantRows} of {shopOrders.Count}; " +
            $".eml files: orders without exactly one receipt {receiptFiles.Count(c => c != 1)} (none {receiptFiles.Count(c => c == 0)}, twice or more {receiptFiles.Count(c => c > 1)}), " +
            $"orders whose merchant notices are not one per shop {merchantWrong}"));

        var open = await db.OutboxMessages.Where(m => m.Status != OutboxStatus.Done).GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        results.Add(new("no outbox event left pending or failed", open.Count == 0,
            open.Count == 0 ? $"{await db.OutboxMessages.CountAsync(m => m.Id > baseline.LastOutboxId)} events of the run, all done"
                : string.Join(", ", open.Select(o => $"{o.Key} {o.Count}"))));
        return results;
    }

    /// <summary>How many .eml files the app wrote with each subject (the pickup folder is the mail that really went out).</summary>
    private static Dictionary<string, int> MailSubjects(string folder)
    {
        var subjects = new Dictionary<string, int>();
        if (!Directory.Exists(folder)) return subjects;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
        {
            var subject = MimeKit.MimeMessage.Load(file).Subject; // decoded (non-ASCII subjects are RFC 2047 words)
            if (subject is null) continue;
            subjects[subject] = subjects.GetValueOrDefault(subject) + 1;
        }
        return subjects;
    }
}
