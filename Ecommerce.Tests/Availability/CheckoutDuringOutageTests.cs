using System.Net;
using System.Text.Json;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Tests.Availability;

/// <summary>
/// Checkouts running when the database goes away are refused cleanly (503) or placed; when it returns, each order is
/// whole (its shop order, line, payment and history, its stock claimed) or absent, stock is conserved, and a retry
/// with the same idempotency key finds the same order, never a second one.
/// </summary>
[RequiresPostgres]
public sealed class CheckoutDuringOutageTests(RelayedPostgresNode node) : IClassFixture<RelayedPostgresNode>
{
    private const int Stock = 40, Buyers = 8; // with their retries, within the checkout rate limit of one caller (20 a minute)

    [DatabaseFact]
    public async Task A_checkout_in_flight_when_the_database_goes_away_is_whole_or_absent_when_it_returns()
    {
        var product = await StoreApi.NewProductAsync(node.App, Stock);
        var keys = Enumerable.Range(0, Buyers).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var guests = keys.Select(_ => StoreApi.Guest(node.App)).ToArray();
        object Body(int i) => new
        {
            email = $"outage-{i}@test.local", lines = new[] { new { variantId = product.VariantId, quantity = 1 } },
            shipTo = StoreApi.UsAddress, payment = StoreApi.Card(),
        };

        // Checkouts keep starting before and after the cut, so some are cut part-way through.
        var running = Enumerable.Range(0, Buyers).Select(async i =>
        {
            await Task.Delay(i * 60);
            return await StoreApi.CheckoutAsync(guests[i], Body(i), keys[i]);
        }).ToArray();
        await Task.Delay(250);
        node.Relay.Cut();
        HttpResponseMessage[] answers;
        try
        {
            answers = await Task.WhenAll(running);
        }
        finally
        {
            node.Relay.Restore();
        }

        var placed = new Dictionary<string, string>(); // key → order number the shopper was given
        for (var i = 0; i < Buyers; i++)
        {
            var body = await answers[i].Content.ReadAsStringAsync();
            Assert.True(answers[i].StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
                $"a checkout around the cut answered {(int)answers[i].StatusCode}: {body}");
            if (answers[i].IsSuccessStatusCode) placed[keys[i]] = JsonDocument.Parse(body).RootElement.GetProperty("number").GetString()!;
        }

        // Once the database is back and the payments the provider took are confirmed, the books agree.
        var answered = placed.Values.ToList();
        await StorefrontOutageTests.Eventually(async () => (await ReadAsync(product.VariantId)).Balanced(answered));
        var orders = await AssertWholeAsync(product.VariantId, keys, placed);

        // A shopper who did not get an answer tries again with the same key: the order it made, or a new one; never two.
        for (var i = 0; i < Buyers; i++)
        {
            var index = i;
            HttpResponseMessage? again = null;
            await StorefrontOutageTests.Eventually(async () =>
                (again = await StoreApi.CheckoutAsync(guests[index], Body(index), keys[index])).StatusCode != HttpStatusCode.ServiceUnavailable);
            var body = await again!.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"a retry after the outage answered {(int)again.StatusCode}: {body}");
            var number = JsonDocument.Parse(body).RootElement.GetProperty("number").GetString()!;
            if (orders.FirstOrDefault(o => o.Key == keys[i]) is { } earlier) Assert.Equal(earlier.Number, number);
            placed[keys[i]] = number;
        }
        await StorefrontOutageTests.Eventually(async () => (await ReadAsync(product.VariantId)).Balanced(answered));
        Assert.Equal(Buyers, (await AssertWholeAsync(product.VariantId, keys, placed)).Count);
        foreach (var guest in guests) guest.Dispose();
    }

    private sealed record OrderRow(string Key, string Number, OrderStatus Status, int ShopOrders, int Units, int Payments, int History, int Reserved);

    private sealed record Books(IReadOnlyList<OrderRow> Orders, int OnHand, int Reserved)
    {
        private int Sold => Orders.Where(o => o.Status == OrderStatus.Paid).Sum(o => o.Units);
        private int Pending => Orders.Where(o => o.Status == OrderStatus.PendingPayment).Sum(o => o.Units);

        /// <summary>
        /// Every unit is on the shelf, held by a pending order or sold to a paid one; and the orders whose shoppers were
        /// told they were placed (and charged) are paid.
        /// </summary>
        public bool Balanced(IEnumerable<string> paid) =>
            OnHand == Stock - Sold && Reserved == Pending
            && paid.All(number => Orders.Any(o => o.Number == number && o.Status == OrderStatus.Paid));
    }

    private async Task<Books> ReadAsync(int variantId)
    {
        await using var db = ProductApi.Db(node.App);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.ShopOrders.Any(s => s.Lines.Any(l => l.VariantId == variantId)))
            .Select(o => new OrderRow(o.IdempotencyKey, o.Number, o.Status, o.ShopOrders.Count, o.ShopOrders.SelectMany(s => s.Lines).Sum(l => l.Quantity),
                db.Payments.Count(p => p.OrderId == o.Id), o.History.Count,
                db.StockReservations.Where(r => r.OrderId == o.Id && r.Status == ReservationStatus.Active).Sum(r => r.Quantity)))
            .ToListAsync();
        var stock = await db.StockItems.AsNoTracking().SingleAsync(s => s.VariantId == variantId);
        return new Books(orders, stock.OnHand, stock.Reserved);
    }

    /// <summary>Each order is whole: one shop order with its line, a payment, its history, and its units claimed as its status says.</summary>
    private async Task<IReadOnlyList<OrderRow>> AssertWholeAsync(int variantId, string[] keys, IReadOnlyDictionary<string, string> placed)
    {
        var books = await ReadAsync(variantId);
        foreach (var order in books.Orders)
        {
            Assert.Contains(order.Key, keys);
            Assert.Equal((1, 1, 1), (order.ShopOrders, order.Units, order.Payments));
            Assert.True(order.History > 0, $"order {order.Number} has no history");
            Assert.Equal(order.Status == OrderStatus.PendingPayment ? 1 : 0, order.Reserved); // pending: held; paid: sold; failed: released
        }
        Assert.Equal(books.Orders.Count, books.Orders.Select(o => o.Key).Distinct().Count()); // one order per key
        foreach (var (key, number) in placed) Assert.Contains(books.Orders, o => o.Key == key && o.Number == number);
        return books.Orders;
    }
}
