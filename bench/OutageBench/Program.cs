// Database outage under storefront load: the real web app (a child process, Release, Production settings) on a fresh
// PostgreSQL database that it reaches through a TCP relay. Workers read the storefront (home, search, category, product
// and shop pages, half as anonymous visitors, half as guests with a cart cookie) throughout; after a warm-up the relay
// is cut for the outage (connections dropped, new ones refused, as when the server goes away), then restored. Reports
// the share of storefront requests answered 200 before, during and after the outage, and the time from the database's
// return to the first order placed (a guest's API checkout tried every 100 ms).
//
// Usage: dotnet run -c Release --project bench/OutageBench -- [--outage 60] [--workers 16] [--warm-up 15] [--after 15]
//            [--postgres "Host=localhost;Username=ecommerce_test;Password=ecommerce_test"]
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;
using FlashSaleRush;
using Npgsql;

const string ApiKey = "mk_bench000_outage-bench-key-000000";
var outage = TimeSpan.FromSeconds(IntOption("--outage", 60));
var warmUp = TimeSpan.FromSeconds(IntOption("--warm-up", 15));
var after = TimeSpan.FromSeconds(IntOption("--after", 15));
var workers = IntOption("--workers", 16);
var postgres = Option("--postgres") ?? Environment.GetEnvironmentVariable("ECOMMERCE_TEST_POSTGRES")
    ?? "Host=localhost;Port=5432;Username=ecommerce_test;Password=ecommerce_test;Database=postgres";

var repository = FindRepository();
var folder = Directory.CreateTempSubdirectory("outage-bench-").FullName;
await using var database = await BenchDatabase.CreateAsync(folder, postgres, poolSize: 30, namePrefix: "outage_bench");
var direct = new NpgsqlConnectionStringBuilder(database.AppSettings["ConnectionStrings:Postgres"]);
await using var relay = new TcpRelay(direct.Host!, direct.Port);
// Short connect timeout, as an operator would set it: a request that needs the database is refused at once.
var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 };
var settings = new Dictionary<string, string>
{
    ["Database:Provider"] = "Postgres",
    ["ConnectionStrings:Postgres"] = relayed.ConnectionString,
    ["DataFolder"] = folder,
    ["Demo:Enabled"] = "true",
    ["Demo:MerchantApiKey"] = ApiKey,
    ["RateLimits:CheckoutPerMinute"] = "0", // every request comes from 127.0.0.1
    ["Logging:LogLevel:Default"] = "Warning",
};
Console.WriteLine($"Database outage: {outage.TotalSeconds:N0} s cut under {workers} storefront readers, {database.Description} through a relay, " +
                  $"{Environment.ProcessorCount} cores, load {Load()}; data and log in {folder}");

await using var app = await WebAppProcess.StartAsync(repository, settings, Path.Combine(folder, "web.log"));
using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = int.MaxValue })
{
    BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30),
};
client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

// A product to buy after the outage, and the storefront pages of a product the index has.
var registered = await client.PostAsJsonAsync("/api/v1/products", new { name = "Outage bench lamp", description = "Bought after the outage.", price_usd = 12, remaining_supply = 1000 });
var variantId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("variants")[0].GetProperty("id").GetInt32();
var hit = (await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=jacket&page_size=1")).GetProperty("items")[0];
var product = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{hit.GetProperty("slug").GetString()}");
string[] pages =
[
    "/", "/search?q=jacket", "/search?q=phone", $"/c/{product.GetProperty("category").GetProperty("slug").GetString()}",
    $"/p/{product.GetProperty("slug").GetString()}", $"/s/{product.GetProperty("shop").GetProperty("slug").GetString()}",
];
await app.SettleAsync(TimeSpan.FromMinutes(2));
// A few orders first, so the first one after the outage is not also the process's first (its code not yet compiled).
for (var i = 0; i < 3; i++) Console.WriteLine($"warm-up order: {(int)await CheckoutAsync()}");

async Task<HttpStatusCode> CheckoutAsync()
{
    using var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
    {
        Content = JsonContent.Create(new
        {
            email = "after.outage@bench.local", lines = new[] { new { variantId, quantity = 1 } },
            shipTo = new { name = "Ada Shopper", line1 = "1 Market St", city = "San Francisco", region = "CA", postalCode = "94105", country = "US" },
            payment = new { cardNumber = "4242424242424242", expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" },
        }),
    };
    checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    checkout.Headers.Add("X-Cart-Token", Guid.NewGuid().ToString());
    using var response = await client.SendAsync(checkout);
    return response.StatusCode;
}

var phase = 0; // 0 warm-up, 1 outage, 2 after
var counts = new long[3, 2]; // [phase, ok?]
var latencies = new List<double>[3] { [], [], [] };
using var stop = new CancellationTokenSource();
var readers = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
{
    var cookie = w % 2 == 1 ? $"{"cart_token"}={Guid.NewGuid()}" : null; // a guest with a cart: the personal path
    var i = w;
    while (!stop.IsCancellationRequested)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pages[i++ % pages.Length]);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var at = Volatile.Read(ref phase);
        var clock = Stopwatch.StartNew();
        bool ok;
        try
        {
            using var response = await client.SendAsync(request, stop.Token);
            await response.Content.LoadIntoBufferAsync();
            ok = response.StatusCode == HttpStatusCode.OK;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
        catch (Exception) { ok = false; }
        Interlocked.Increment(ref counts[at, ok ? 1 : 0]);
        lock (latencies[at]) latencies[at].Add(clock.Elapsed.TotalMilliseconds);
    }
})).ToArray();

await Task.Delay(warmUp);
var logAtCut = app.LogTally;
relay.Cut();
Volatile.Write(ref phase, 1);
Console.WriteLine($"cut at {DateTime.UtcNow:HH:mm:ss} (load {Load()})");
await Task.Delay(outage);
var logAtReturn = app.LogTally;
relay.Restore();
Volatile.Write(ref phase, 2);
var back = Stopwatch.StartNew();
Console.WriteLine($"restored at {DateTime.UtcNow:HH:mm:ss} (load {Load()})");

// The first order after the return: a guest's checkout every 100 ms, each with its own key, until one is placed.
TimeSpan? firstOrder = null;
var attempts = 0;
while (back.Elapsed < TimeSpan.FromSeconds(60))
{
    attempts++;
    try
    {
        if (await CheckoutAsync() == HttpStatusCode.Created) { firstOrder = back.Elapsed; break; }
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { } // refused, or slower than the client's 30 s
    await Task.Delay(100);
}
var remaining = after - back.Elapsed;
if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
stop.Cancel();
await Task.WhenAll(readers);

string[] names = ["before the cut", "during the outage", "after the return"];
for (var p = 0; p < 3; p++)
{
    var total = counts[p, 0] + counts[p, 1];
    var sorted = latencies[p].Order().ToList();
    double Percentile(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    Console.WriteLine($"{names[p],-18}: {total,7:N0} storefront requests, {(total == 0 ? 0 : 100.0 * counts[p, 1] / total):N3} % answered 200 " +
                      $"({counts[p, 0]:N0} not), p50 {Percentile(0.5):N1} ms, p99 {Percentile(0.99):N1} ms");
}
Console.WriteLine(firstOrder is { } t
    ? $"first order placed {t.TotalSeconds:N2} s after the database returned ({attempts} checkout attempts)"
    : $"no order placed within 60 s of the database's return ({attempts} attempts)");
var perMinute = 60 / outage.TotalSeconds;
Console.WriteLine($"server log during the outage (warnings and errors): {(logAtReturn.Lines - logAtCut.Lines) * perMinute:N0} lines a minute, " +
                  $"{(logAtReturn.Entries - logAtCut.Entries) * perMinute:N0} entries a minute, of which {(logAtReturn.Errors - logAtCut.Errors) * perMinute:N0} errors");
Console.WriteLine($"server log: {app.ErrorLines} error lines; load {Load()}");
foreach (var line in app.FirstErrors.Take(6)) Console.WriteLine("  " + line);
return 0;

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value) : fallback;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Ecommerce.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the benchmark from inside the repository (Ecommerce.sln not found above it).");
}
