// Order burst: the real web app (a child process, Release, Production settings) on a fresh database; 20
// products with enough stock through the merchant API; a warm-up; then N guest checkouts through POST /api/v1/checkout
// as fast as 32 clients can send them (card 4242…); then the wait until the pipeline has made every order Paid and the
// outbox is empty. With --kill-after K the app is SIGKILLed once K orders are answered (K >= N: once all are placed,
// mid-drain), started again on the same database, the unanswered checkouts are sent again with their own idempotency
// keys, and the database is checked (BurstCheck): PASS/FAIL per invariant, exit code 1 on any FAIL.
//
// Usage: dotnet run -c Release --project bench/OrderBurst -- --provider sqlite|postgres [--orders 10000] [--kill-after K]
//            [--concurrency 32] [--lease 10] [--postgres "Host=localhost;Username=ecommerce_test;Password=ecommerce_test"] [--pool 50]
using FlashSaleRush;
using OrderBurst;

var provider = Option("--provider") ?? "sqlite";
var orders = IntOption("--orders", 10_000);
var killAfter = Option("--kill-after") is { } k ? int.Parse(k) : (int?)null;
var concurrency = IntOption("--concurrency", 32);
var postgres = provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
    ? Option("--postgres") ?? "Host=localhost;Username=ecommerce_test;Password=ecommerce_test"
    : null;

var repository = FindRepository();
var folder = Directory.CreateTempSubdirectory("order-burst-").FullName;
await using var database = await BenchDatabase.CreateAsync(folder, postgres, IntOption("--pool", 50), "order_burst");
Console.WriteLine($"Order burst: {orders:N0} orders, {concurrency} clients{(killAfter is { } n ? $", SIGKILL after {n:N0} answered" : "")}, " +
                  $"{database.Description}, {Environment.ProcessorCount} cores; data and logs in {folder}");
var loadBefore = LoadAverage();
var report = await new BurstRun(repository, database, folder,
    new BurstOptions(orders, killAfter, concurrency, Warmup: 200, Lease: TimeSpan.FromSeconds(IntOption("--lease", 10))), Console.WriteLine).RunAsync();
var loadAfter = LoadAverage();

Console.WriteLine();
Console.WriteLine($"orders placed (200/201)     {report.Answered:N0} in {report.PlaceSeconds:N1} s: {report.OrdersPerSecond:N0} orders/s");
Console.WriteLine($"events processed            {report.Events:N0}: {report.EventsPerSecond:N0} events/s (first order placed → last event done)");
Console.WriteLine($"time to drain               {report.DrainSeconds:N1} s from the last order placed to all paid; {report.OutboxEmptySeconds:N1} s to an empty outbox");
if (report.KilledAtSecond is { } killedAt)
    Console.WriteLine($"crash                       SIGKILL at {killedAt:N1} s ({report.AnsweredBeforeKill:N0} answered; {report.Unanswered} cut off in flight or not yet sent, all sent after the restart); " +
                      $"back up in {report.RestartSeconds:N1} s; claimed events wait out the {IntOption("--lease", 10)} s lease");
Console.WriteLine($"machine load average        {loadBefore} before, {loadAfter} after");
foreach (var failure in report.Failures.Take(10)) Console.WriteLine("  checkout failed: " + failure);
foreach (var line in report.AppErrors.Take(10)) Console.WriteLine("  web app log | " + line);
Console.WriteLine();
foreach (var invariant in report.Invariants) Console.WriteLine(invariant);
Console.WriteLine(report.Passed ? "RESULT: PASS" : $"RESULT: FAIL ({report.Failures.Count} checkouts failed)");
Console.WriteLine();
Console.WriteLine($"| {DateTime.UtcNow:yyyy-MM-dd} | {(postgres is null ? "SQLite" : "PostgreSQL 15")} | {(killAfter is null ? "no" : $"SIGKILL after {killAfter:N0}")} | " +
                  $"{report.Answered:N0} | {report.OrdersPerSecond:N0} | {report.Events:N0} | {report.EventsPerSecond:N0} | {report.DrainSeconds:N1} s | " +
                  $"{(report.Passed ? "all PASS" : "FAIL")} | {loadBefore}–{loadAfter} |");
if (report.Passed) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return report.Passed ? 0 : 1;

// The 1-minute load average: this machine is shared, and the figures mean little without it.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value) : fallback;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Ecommerce.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the benchmark from inside the repository (Ecommerce.sln not found above it).");
}
