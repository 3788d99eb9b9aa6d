using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using FlashSaleRush;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OrderBurst;

/// <param name="Orders">How many orders the burst places (each answered 200/201 exactly once).</param>
/// <param name="KillAfter">SIGKILL the app once this many are answered; at or above <paramref name="Orders"/>, once all are placed and the pipeline is mid-drain.</param>
/// <param name="Lease">The outbox lease: how long the events a killed node had claimed wait before they are taken again.</param>
internal sealed record BurstOptions(int Orders, int? KillAfter = null, int Concurrency = 32, int Products = 20, int Warmup = 0,
    TimeSpan? Lease = null, TimeSpan? DrainTimeout = null, string Configuration = "Release", bool Build = true);

internal sealed record BurstReport(
    int Answered, double PlaceSeconds, double DrainSeconds, double OutboxEmptySeconds, int Events, double EventsPerSecond,
    double? KilledAtSecond, int? AnsweredBeforeKill, int Unanswered, double? RestartSeconds,
    IReadOnlyList<string> Failures, IReadOnlyList<string> AppErrors, IReadOnlyList<Invariant> Invariants)
{
    public bool Passed => Failures.Count == 0 && Invariants.All(i => i.Holds);
    public double OrdersPerSecond => Answered / PlaceSeconds;
}

/// <summary>
/// The whole burst against the real web app in a child process: products with enough stock through the merchant API,
/// the orders through the store API, an optional SIGKILL and restart on the same database (the checkouts that got no
/// answer sent again with their own idempotency keys), the wait until every order is paid and the outbox is empty,
/// then <see cref="BurstCheck"/>. Used by the OrderBurst program and by the crash-recovery test.
/// </summary>
internal sealed class BurstRun(string repository, BenchDatabase database, string folder, BurstOptions options, Action<string> log)
{
    private const string ApiKey = "mk_bench000_order-burst-demo-key-000";
    private int _logs;

    public async Task<BurstReport> RunAsync()
    {
        var settings = new Dictionary<string, string>(database.AppSettings)
        {
            ["DataFolder"] = folder,
            ["Demo:Enabled"] = "true", // the demo shops, and the API key below for the main one
            ["Demo:MerchantApiKey"] = ApiKey,
            ["RateLimits:CheckoutPerMinute"] = "0", // every shopper comes from 127.0.0.1
            ["Outbox:LeaseDuration"] = (options.Lease ?? TimeSpan.FromSeconds(10)).ToString("c"),
            // No client here sends a checkout twice at once, only again after the restart: a short claim on each charge
            // lets those retries pay the orders whose first attempt was killed before it asked the provider.
            ["Checkout:ChargeLease"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = await StartAsync(settings);
        var errors = new List<string>();
        try
        {
            var client = Client(app);
            var variants = new List<int>();
            for (var i = 0; i < options.Products; i++)
                variants.Add(await CreateProductAsync(client, $"Burst item {i + 1}", 20m + i, options.Orders));

            if (options.Warmup > 0)
            {
                // JIT and pools warm before the clock starts; these orders are outside the checked range.
                var warm = new BurstShoppers(variants);
                var warmups = Enumerable.Range(0, options.Warmup).Select(warm.Checkout).Select(c => c with { Body = c.Body.Replace("@burst.test", "@warmup.test") }).ToList();
                await warm.PlaceAsync(client, warmups, options.Concurrency, CancellationToken.None);
                await WaitAsync(db => db.OutboxMessages.AnyAsync(m => m.Status != OutboxStatus.Done).ContinueWith(t => !t.Result), TimeSpan.FromMinutes(5));
            }

            BurstBaseline baseline;
            await using (var db = await NewContextAsync()) baseline = await BurstBaseline.ReadAsync(db, variants);

            var shoppers = new BurstShoppers(variants);
            var checkouts = Enumerable.Range(0, options.Orders).Select(shoppers.Checkout).ToList();
            var clock = Stopwatch.StartNew();
            var burstStart = DateTime.UtcNow;
            using var kill = new CancellationTokenSource();
            double? killedAt = null;
            int? answeredBeforeKill = null;
            Task? killing = null;
            var killDuringPlacement = options.KillAfter is { } k && k < options.Orders;
            var running = app;
            await shoppers.PlaceAsync(client, checkouts, options.Concurrency, kill.Token, answered =>
            {
                if (!killDuringPlacement || answered < options.KillAfter) return;
                lock (kill)
                {
                    if (killing is not null) return;
                    killedAt = clock.Elapsed.TotalSeconds;
                    answeredBeforeKill = answered;
                    killing = running.KillAsync();
                    kill.Cancel();
                }
            });
            if (killing is not null) await killing;

            if (options.KillAfter is not null && !killDuringPlacement)
            {
                // Mid-drain: once some orders are paid and some are not.
                await WaitAsync(async db => await db.Orders.CountAsync(o => o.Id > baseline.LastOrderId && o.Status == OrderStatus.Paid) > 0, TimeSpan.FromMinutes(2));
                killedAt = clock.Elapsed.TotalSeconds;
                answeredBeforeKill = shoppers.Answers.Count;
                await app.KillAsync();
            }

            double? restartSeconds = null;
            var unanswered = shoppers.Unanswered.Count;
            if (killedAt is not null)
            {
                var down = Stopwatch.StartNew();
                errors.AddRange(app.FirstErrors);
                await app.DisposeAsync();
                app = await StartAsync(settings);
                restartSeconds = down.Elapsed.TotalSeconds;
                client.Dispose();
                client = Client(app);
                log($"killed (SIGKILL) at {killedAt:N1} s with {answeredBeforeKill} orders answered and {unanswered} cut off in flight or not yet sent; restarted in {restartSeconds:N1} s");
                // What a client does after a dropped connection: the same request again, with the same idempotency key.
                var again = shoppers.Unanswered.OrderBy(c => c.Index).ToList();
                shoppers.Unanswered.Clear();
                await shoppers.PlaceAsync(client, again, options.Concurrency, CancellationToken.None);
            }
            var answers = shoppers.Answers.DistinctBy(a => a.OrderId).ToList();
            var lastAnswer = answers.Count == 0 ? DateTime.UtcNow : answers.Max(a => a.AnsweredAt);
            var placeSeconds = (lastAnswer - burstStart).TotalSeconds;
            log($"placed {answers.Count} orders in {placeSeconds:N1} s ({answers.Count / placeSeconds:N0}/s); {shoppers.Failures.Count} failed, {shoppers.Unanswered.Count} never answered");

            var timeout = options.DrainTimeout ?? TimeSpan.FromMinutes(10);
            var ids = answers.Select(a => a.OrderId).ToList();
            await WaitAsync(async db => await db.Orders.CountAsync(o => o.Id > baseline.LastOrderId && o.Status == OrderStatus.Paid) >= ids.Count, timeout);
            var drainSeconds = (DateTime.UtcNow - lastAnswer).TotalSeconds;
            await WaitAsync(async db => !await db.OutboxMessages.AnyAsync(m => m.Status != OutboxStatus.Done), timeout);
            var outboxEmptySeconds = (DateTime.UtcNow - lastAnswer).TotalSeconds;

            await using var check = await NewContextAsync();
            var processed = check.OutboxMessages.Where(m => m.Id > baseline.LastOutboxId && m.ProcessedAt != null);
            var events = await processed.CountAsync();
            var eventSeconds = await processed.MaxAsync(m => m.ProcessedAt) is { } last ? (last - burstStart).TotalSeconds : 0;
            var invariants = await BurstCheck.RunAsync(check, baseline, answers, Path.Combine(folder, "mail"));
            return new BurstReport(answers.Count, placeSeconds, drainSeconds, outboxEmptySeconds, events,
                eventSeconds > 0 ? events / eventSeconds : 0, killedAt, answeredBeforeKill, unanswered, restartSeconds,
                shoppers.Failures, [.. errors, .. app.FirstErrors], invariants);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private Task<WebAppProcess> StartAsync(Dictionary<string, string> settings) =>
        WebAppProcess.StartAsync(repository, settings, Path.Combine(folder, $"web-{++_logs}.log"), options.Configuration, options.Build && _logs == 1);

    private static HttpClient Client(WebAppProcess app) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2), DefaultRequestHeaders = { { "X-Api-Key", ApiKey } },
        };

    private async Task<int> CreateProductAsync(HttpClient client, string name, decimal price, int stock)
    {
        var response = await client.PostAsJsonAsync("/api/v1/products", new { name, description = "Made for the order burst.", price_usd = price, remaining_supply = stock });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating a product failed: {(int)response.StatusCode} {body}");
        return body.GetProperty("variants")[0].GetProperty("id").GetInt32();
    }

    private Task<AppDbContext> NewContextAsync() =>
        database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>Polls the database every 100 ms until <paramref name="done"/>; a timeout ends the wait (the check then says what is missing).</summary>
    private async Task WaitAsync(Func<AppDbContext, Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = await NewContextAsync())
                if (await done(db)) return;
            await Task.Delay(100);
        }
        log($"gave up waiting after {timeout.TotalSeconds:N0} s");
    }
}
