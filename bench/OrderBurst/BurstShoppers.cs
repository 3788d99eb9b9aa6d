using System.Net;
using System.Text;
using System.Text.Json;

namespace OrderBurst;

/// <summary>One checkout the burst sends: the same key, cart token and body every time it is (re)tried.</summary>
internal sealed record BurstCheckout(int Index, Guid IdempotencyKey, Guid CartToken, string Body);

/// <summary>The order a checkout was answered with (201, or 200 when a retry found the order its key already made).</summary>
internal sealed record BurstAnswer(int Index, int OrderId, string Number, int Status, DateTime AnsweredAt);

/// <summary>
/// Guests placing orders over the store API as fast as they can, a fixed number of them at a time, each with its
/// own cart token and Idempotency-Key. A checkout that gets no answer (the server died under it) is kept to be sent
/// again, unchanged, as a real client would; any other status than 200/201 is recorded as a failure.
/// </summary>
internal sealed class BurstShoppers(IReadOnlyList<int> variantIds)
{
    private const string Card = "4242424242424242";

    public List<BurstAnswer> Answers { get; } = [];
    public List<string> Failures { get; } = [];
    /// <summary>Sent but not answered, or not sent because the server died: to send again once it is back.</summary>
    public List<BurstCheckout> Unanswered { get; } = [];

    /// <summary>The checkout of order number <paramref name="index"/>: one or two lines of one or two units each.</summary>
    public BurstCheckout Checkout(int index)
    {
        var first = variantIds[index % variantIds.Count];
        var lines = index % 3 == 0
            ? new[] { new { variantId = first, quantity = 1 + index % 2 }, new { variantId = variantIds[(index + 7) % variantIds.Count], quantity = 1 } }
            : new[] { new { variantId = first, quantity = 1 + index % 2 } };
        var body = JsonSerializer.Serialize(new
        {
            email = $"burst{index}@burst.test",
            lines = lines.DistinctBy(l => l.variantId),
            shipTo = new { name = "Burst Buyer", line1 = "1 Market St", city = "San Francisco", region = "CA", postalCode = "94105", country = "US" },
            payment = new { cardNumber = Card, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" },
        });
        return new BurstCheckout(index, Guid.NewGuid(), Guid.NewGuid(), body);
    }

    /// <summary>
    /// Sends the checkouts with <paramref name="concurrency"/> in flight until all are sent or <paramref name="stop"/>
    /// is cancelled (then the ones not sent yet are kept as unanswered too). <paramref name="answered"/> is called
    /// after each answer with the number of answers so far.
    /// </summary>
    public async Task PlaceAsync(HttpClient client, IReadOnlyList<BurstCheckout> checkouts, int concurrency, CancellationToken stop, Action<int>? answered = null)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < checkouts.Count)
            {
                var checkout = checkouts[i];
                if (stop.IsCancellationRequested) { lock (Unanswered) Unanswered.Add(checkout); continue; }
                if (await SendAsync(client, checkout) is { } count) answered?.Invoke(count);
            }
        })).ToArray();
        await Task.WhenAll(workers);
    }

    private async Task<int?> SendAsync(HttpClient client, BurstCheckout checkout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = new StringContent(checkout.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", checkout.IdempotencyKey.ToString());
        request.Headers.Add("X-Cart-Token", checkout.CartToken.ToString());
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                var body = JsonDocument.Parse(text).RootElement;
                var answer = new BurstAnswer(checkout.Index, body.GetProperty("orderId").GetInt32(), body.GetProperty("number").GetString()!, (int)response.StatusCode, DateTime.UtcNow);
                lock (Answers) { Answers.Add(answer); return Answers.Count; }
            }
            lock (Failures) Failures.Add($"checkout {checkout.Index}: {(int)response.StatusCode} {(text.Length > 300 ? text[..300] : text)}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            lock (Unanswered) Unanswered.Add(checkout);
            return null;
        }
    }
}
