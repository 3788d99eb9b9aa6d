using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashSaleRush;

/// <summary>One buyer's checkout: the HTTP status, how long the call took, and the order it made (if any).</summary>
internal sealed record Outcome(int Status, double Milliseconds, DateTime AnsweredAt, string? Number, Guid CartToken, string? Detail);

/// <summary>Guests buying over the store API, as a shopper's app would: their own cart token, email and idempotency key each.</summary>
internal static class Buyers
{
    private const string Card = "4242424242424242";

    /// <summary>
    /// Prepares every request, then releases them all at once, or <paramref name="atATime"/> at a time (each answer
    /// lets the next buyer in); returns each buyer's outcome, timed from the moment its request is sent.
    /// </summary>
    public static async Task<Outcome[]> RushAsync(HttpClient client, int variantId, int buyers, string emailPrefix, int? atATime = null)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new SemaphoreSlim(atATime ?? buyers);
        var calls = Enumerable.Range(0, buyers).Select(i => BuyAsync(client, variantId, $"{emailPrefix}{i}@rush.test", start.Task, gate)).ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }

    private static async Task<Outcome> BuyAsync(HttpClient client, int variantId, string email, Task start, SemaphoreSlim gate)
    {
        await start;
        await gate.WaitAsync();
        try { return await BuyAsync(client, variantId, email); }
        finally { gate.Release(); }
    }

    private static async Task<Outcome> BuyAsync(HttpClient client, int variantId, string email)
    {
        var token = Guid.NewGuid();
        var json = JsonSerializer.Serialize(new
        {
            email,
            lines = new[] { new { variantId, quantity = 1 } },
            shipTo = new { name = "Rush Buyer", line1 = "1 Market St", city = "San Francisco", region = "CA", postalCode = "94105", country = "US" },
            payment = new { cardNumber = Card, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Add("X-Cart-Token", token.ToString());
        var began = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            var status = (int)response.StatusCode;
            var number = response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(text).RootElement.GetProperty("number").GetString() : null;
            return new Outcome(status, elapsed, DateTime.UtcNow, number, token, status is 201 or 409 ? null : Shorten(text));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new Outcome(0, Stopwatch.GetElapsedTime(began).TotalMilliseconds, DateTime.UtcNow, null, token, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>
    /// Polls every accepted order (as its guest, by cart token) until none is still awaiting payment or the time is
    /// up; returns each order's last status.
    /// </summary>
    public static async Task<Dictionary<string, string>> WaitForPaymentsAsync(HttpClient client, IReadOnlyList<Outcome> accepted, TimeSpan timeout)
    {
        var statuses = accepted.ToDictionary(o => o.Number!, _ => "PendingPayment");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var pending = accepted.Where(o => statuses[o.Number!] == "PendingPayment").ToList();
            if (pending.Count == 0) break;
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/orders/{order.Number}");
                request.Headers.Add("X-Cart-Token", order.CartToken.ToString());
                using var response = await client.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) return;
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                lock (statuses) statuses[order.Number!] = body.GetProperty("status").GetString()!;
            });
            await Task.Delay(200);
        }
        return statuses;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
