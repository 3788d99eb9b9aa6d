// Flash-sale rush: the real web app (a child process, Release, Production settings) on a fresh database, one product
// with exactly N units (registered through the merchant API with the demo key; optionally a capped flash sale on it),
// then B guests at once, each POSTing one checkout for one unit over loopback HTTP with card 4242…. Reports what
// they were told, the stock left, and how many orders the payment pipeline brought to Paid.
//
// Usage: dotnet run -c Release --project bench/FlashSaleRush -- [--buyers 2000] [--units 100] [--at-a-time 200] [--flash-sale]
//            [--postgres "Host=localhost;Username=ecommerce_test;Password=ecommerce_test"] [--pool 50]
// --at-a-time N: N buyers in flight at once, each answer letting the next one in (default: all at once).
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Pricing;
using FlashSaleRush;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

const string ApiKey = "mk_bench000_flash-rush-demo-key-0000";
var buyers = IntOption("--buyers", 2000);
var units = IntOption("--units", 100);
var poolSize = IntOption("--pool", 50);
int? atATime = Option("--at-a-time") is { } n ? int.Parse(n) : null;
var flashSale = args.Contains("--flash-sale");
var postgres = Option("--postgres");

var repository = FindRepository();
var folder = Directory.CreateTempSubdirectory("flash-rush-").FullName;
var logFile = Path.Combine(folder, "web.log");
await using var database = await BenchDatabase.CreateAsync(folder, postgres, poolSize);
var settings = new Dictionary<string, string>(database.AppSettings)
{
    ["DataFolder"] = folder,
    ["Demo:Enabled"] = "true", // the demo shops, and the API key below for the main one
    ["Demo:MerchantApiKey"] = ApiKey,
    ["RateLimits:CheckoutPerMinute"] = "0", // every buyer comes from 127.0.0.1: the per-address guest limit would be the bottleneck
    ["Logging:LogLevel:Default"] = "Warning",
};
Console.WriteLine($"Flash-sale rush: {buyers:N0} buyers{(atATime is { } k ? $" ({k} at a time)" : "")} for {units} units{(flashSale ? " (capped flash sale)" : "")}, {database.Description}, " +
                  $"{Environment.ProcessorCount} cores; data and log in {folder}");

var failed = false;
await using (var app = await WebAppProcess.StartAsync(repository, settings, logFile))
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5),
    };
    client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey); // ignored by the store API; the merchant API needs it

    // Warm-up on another product (JIT, connection pools): three waves of 40 buyers for 60 units, each wave's
    // payments drained, so the code the rush runs has been compiled and optimised before it is timed.
    var warmUp = await CreateProductAsync(client, "Warm-up item", 60);
    for (var wave = 0; wave < 3; wave++)
    {
        var warmUpOutcomes = await Buyers.RushAsync(client, warmUp.VariantId, 40, $"warmup{wave}-");
        await Buyers.WaitForPaymentsAsync(client, warmUpOutcomes.Where(o => o.Status == 201).ToList(), TimeSpan.FromMinutes(1));
    }

    await app.SettleAsync(TimeSpan.FromMinutes(3));

    // Baseline: one buyer at a time (what a checkout costs without a crowd): 20 that buy (CPU counted until their
    // payments are through the pipeline), then 20 told sold out.
    var single = await CreateProductAsync(client, "Baseline item", 20);
    var singleOutcomes = new List<Outcome>();
    var cpuMark = app.CpuTime;
    for (var i = 0; i < 40; i++)
    {
        singleOutcomes.AddRange(await Buyers.RushAsync(client, single.VariantId, 1, $"single{i}-"));
        if (i != 19) continue;
        await Buyers.WaitForPaymentsAsync(client, singleOutcomes.Where(o => o.Status == 201).ToList(), TimeSpan.FromMinutes(1));
        await app.SettleAsync(TimeSpan.FromMinutes(1));
        var bought = app.CpuTime;
        Console.WriteLine($"one buyer at a time         201 median {Median(singleOutcomes, 201)}, server CPU {(bought - cpuMark).TotalMilliseconds / 20:N1} ms each (with its payment pipeline)");
        cpuMark = bought;
    }
    Console.WriteLine($"                            409 median {Median(singleOutcomes, 409)}, server CPU {(app.CpuTime - cpuMark).TotalMilliseconds / 20:N1} ms each");

    // What a sold-out answer costs the server: 2,000 more buyers for the sold-out item, 50 at a time, less what the
    // idle server spends (its background loops) over as long.
    var idleMark = (Cpu: app.CpuTime, At: Stopwatch.StartNew());
    await Task.Delay(TimeSpan.FromSeconds(3));
    var idleCpuPerSecond = (app.CpuTime - idleMark.Cpu).TotalMilliseconds / idleMark.At.Elapsed.TotalSeconds;
    var crowdMark = (Cpu: app.CpuTime, At: Stopwatch.StartNew());
    var crowd = await Buyers.RushAsync(client, single.VariantId, 2000, "soldout-", 50);
    var crowdCpu = (app.CpuTime - crowdMark.Cpu).TotalMilliseconds - idleCpuPerSecond * crowdMark.At.Elapsed.TotalSeconds;
    Console.WriteLine($"sold-out crowd              {crowd.Count(o => o.Status == 409)} of {crowd.Length} told sold out in {crowdMark.At.Elapsed.TotalSeconds:N2} s, " +
                      $"p50 {Percentile(crowd.Select(o => o.Milliseconds).Order().ToArray(), 50):N1} ms, p99 {Percentile(crowd.Select(o => o.Milliseconds).Order().ToArray(), 99):N1} ms; " +
                      $"server CPU {crowdCpu / crowd.Length:N2} ms each (idle {idleCpuPerSecond:N0} ms/s subtracted)");

    var product = await CreateProductAsync(client, "Flash rush console", units);
    await app.SettleAsync(TimeSpan.FromMinutes(1));
    if (flashSale) await ScheduleFlashSaleAsync(database, product.ProductId, units);

    var errorsBefore = app.ErrorLines; // a fresh PostgreSQL database logs a failed read of the migrations table at start
    var cpuBefore = app.CpuTime;
    var loadBefore = LoadAverage();
    var clock = Stopwatch.StartNew();
    var startedAt = DateTime.UtcNow;
    var peak = (Threads: 0, RssMb: 0L);
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            var now = app.Footprint();
            peak = (Math.Max(peak.Threads, now.Threads), Math.Max(peak.RssMb, now.RssMb));
            await Task.Delay(100);
        }
    });
    var outcomes = await Buyers.RushAsync(client, product.VariantId, buyers, "buyer", atATime);
    var rushSeconds = clock.Elapsed.TotalSeconds;
    sampling.Cancel();
    await sampler;
    var rushCpu = (app.CpuTime - cpuBefore).TotalSeconds;
    var loadAfter = LoadAverage();
    var accepted = outcomes.Where(o => o.Status == 201).ToList();
    clock.Restart();
    var final = await Buyers.WaitForPaymentsAsync(client, accepted, TimeSpan.FromMinutes(3));
    var drainSeconds = clock.Elapsed.TotalSeconds;

    await using var db = await database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
    var stock = await db.StockItems.AsNoTracking().SingleAsync(s => s.VariantId == product.VariantId);
    var orderIds = await db.ShopOrders.Where(s => s.Lines.Any(l => l.VariantId == product.VariantId)).Select(s => s.OrderId).ToListAsync();
    var ordersByStatus = await db.Orders.Where(o => orderIds.Contains(o.Id)).GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    var unitsSold = await db.OrderLines.Where(l => l.VariantId == product.VariantId && db.ShopOrders.Any(s => s.Id == l.ShopOrderId && s.Status == OrderStatus.Paid))
        .SumAsync(l => (int?)l.Quantity) ?? 0;
    var paymentsSucceeded = await db.Payments.CountAsync(p => orderIds.Contains(p.OrderId) && p.Status == PaymentStatus.Succeeded);
    var activeReservations = await db.StockReservations.CountAsync(r => r.VariantId == product.VariantId && r.Status == ReservationStatus.Active);
    var sale = flashSale ? await db.FlashSales.AsNoTracking().SingleAsync(f => f.ProductId == product.ProductId) : null;

    var latencies = outcomes.Select(o => o.Milliseconds).Order().ToArray();
    var lastAccepted = accepted.Count == 0 ? rushSeconds : (accepted.Max(o => o.AnsweredAt) - startedAt).TotalSeconds;
    var paid = final.Values.Count(s => s == "Paid");
    var serverErrors = outcomes.Count(o => o.Status >= 500);
    var others = outcomes.Where(o => o.Status is not (201 or 409)).ToList();

    Console.WriteLine();
    Console.WriteLine($"checkouts answered          {outcomes.Length:N0} in {rushSeconds:N2} s ({outcomes.Length / rushSeconds:N0} requests/s)");
    Console.WriteLine($"server CPU during the rush  {rushCpu:N1} s ({rushCpu * 1000 / outcomes.Length:N1} ms a checkout); machine load average {loadBefore} before, {loadAfter} after");
    Console.WriteLine($"server peak                 {peak.Threads} threads, {peak.RssMb} MB resident");
    Console.WriteLine($"orders accepted (201)       {accepted.Count}");
    Console.WriteLine($"sold out (409)              {outcomes.Count(o => o.Status == 409)}");
    Console.WriteLine($"other statuses              {others.Count} ({string.Join(", ", others.GroupBy(o => o.Status).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString())}: {g.Count()}"))}); server errors (5xx): {serverErrors}");
    Console.WriteLine($"orders per second           {accepted.Count / lastAccepted:N0} (accepted orders / time to the last 201, {lastAccepted:N2} s)");
    Console.WriteLine($"checkout latency            p50 {Percentile(latencies, 50):N0} ms, p99 {Percentile(latencies, 99):N0} ms, max {latencies.LastOrDefault():N0} ms");
    Console.WriteLine($"units left                  on hand {stock.OnHand}, reserved {stock.Reserved}, active reservations {activeReservations}");
    Console.WriteLine($"reached Paid                {paid} of {accepted.Count} within {drainSeconds:N1} s of the rush; database: {string.Join(", ", ordersByStatus.Select(s => $"{s.Key} {s.Count}"))}; " +
                      $"units sold {unitsSold}; payments succeeded {paymentsSucceeded}");
    if (sale is not null) Console.WriteLine($"flash sale                  sold {sale.SoldCount} of cap {sale.QuantityCap}");
    Console.WriteLine($"web app errors logged       {app.ErrorLines - errorsBefore} during the rush and the drain, {errorsBefore} before it");
    foreach (var line in app.FirstErrors) Console.WriteLine("  | " + line);
    foreach (var sample in others.Where(o => o.Detail is not null).GroupBy(o => o.Detail).Take(5)) Console.WriteLine($"  e.g. {sample.Count()} × {sample.Key}");

    failed = app.ErrorLines > errorsBefore || accepted.Count != units || serverErrors > 0 || others.Count > 0 || stock.OnHand != 0 || stock.Reserved != 0 || paid != units || unitsSold != units;
    Console.WriteLine(failed ? "RESULT: FAILED (expected every unit sold once, every other buyer told sold out, no errors)" : "RESULT: OK");
    Console.WriteLine();
    Console.WriteLine($"| {DateTime.UtcNow:yyyy-MM-dd} | {(postgres is null ? "SQLite" : "PostgreSQL 15")}{(flashSale ? ", flash sale" : "")} | {buyers:N0} | {accepted.Count} | " +
                      $"{outcomes.Count(o => o.Status == 409):N0} | {others.Count} | {stock.OnHand} | {paid} | {accepted.Count / lastAccepted:N0} | " +
                      $"{Percentile(latencies, 50):N0} ms | {Percentile(latencies, 99):N0} ms |");
}
if (!failed) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return failed ? 1 : 0;

static async Task<(int ProductId, int VariantId)> CreateProductAsync(HttpClient client, string name, int stock)
{
    var response = await client.PostAsJsonAsync("/api/v1/products", new { name, description = "Limited run.", price_usd = 50, remaining_supply = stock });
    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the product failed: {(int)response.StatusCode} {body}");
    return (body.GetProperty("id").GetInt32(), body.GetProperty("variants")[0].GetProperty("id").GetInt32());
}

static async Task ScheduleFlashSaleAsync(BenchDatabase database, int productId, int cap)
{
    var shopId = await database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext()
        .Products.Where(p => p.Id == productId).Select(p => p.ShopId).SingleAsync();
    var now = DateTime.UtcNow;
    await database.Services.GetRequiredService<FlashSales>()
        .ScheduleAsync(shopId, productId, new FlashSaleInput(null, 25m, now.AddMinutes(-1), now.AddHours(1), QuantityCap: cap, PerCustomerLimit: 1));
}

static string Median(IEnumerable<Outcome> outcomes, int status) =>
    $"{Percentile(outcomes.Where(o => o.Status == status).Select(o => o.Milliseconds).Order().ToArray(), 50):N1} ms";

// The 1-minute load average: this machine is shared, and the figures mean little without it.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static double Percentile(double[] sorted, int percent) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value) : fallback;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Ecommerce.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the benchmark from inside the repository (Ecommerce.sln not found above it).");
}
