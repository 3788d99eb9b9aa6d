// Measures the embedded search index on a generated catalogue: index build rate, search latency with facets,
// suggestion latency, and how soon a newly registered product becomes searchable through the outbox indexer.
// Usage: dotnet run -c Release --project bench/SearchBench -- [products=100000] [queries=2000] [data folder] [--generate-only] [--build-only]
// With a data folder, its catalogue is reused (and grown to the requested size); without one, a temporary folder is
// used and deleted at the end. --generate-only stops after the catalogue (to prepare a large one outside the lock);
// --build-only stops after the index build (to compare build settings quickly).
using System.Diagnostics;
using Ecommerce.Core;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var generateOnly = args.Contains("--generate-only");
var buildOnly = args.Contains("--build-only");
args = args.Where(a => a is not ("--generate-only" or "--build-only")).ToArray();
var products = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var queries = args.Length > 1 ? int.Parse(args[1]) : 2_000;
var keep = args.Length > 2;
var folder = keep ? Directory.CreateDirectory(args[2]).FullName : Directory.CreateTempSubdirectory("search-bench-").FullName;
Console.WriteLine($"Search benchmark: {products:N0} products, {queries:N0} queries, {Environment.ProcessorCount} cores, data in {folder}");

var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}", folder);
var services = new ServiceCollection()
    .AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning))
    .AddEcommerceCore(new ConfigurationBuilder().Build(), settings);
services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>().AddUserManager<AppUserManager>();
await using var provider = services.BuildServiceProvider();
await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();

var clock = Stopwatch.StartNew();
using (var scope = provider.CreateScope())
{
    var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
    await seeder.SeedAsync();
    await seeder.EnsureBulkProductsAsync(Math.Max(0, products - DemoSeeder.DemoProductCount));
}
Console.WriteLine($"catalogue generated in {clock.Elapsed.TotalSeconds:N1} s");
if (generateOnly)
{
    await CleanUpAsync();
    return;
}

var indexer = provider.GetRequiredService<SearchIndexer>();
var index = provider.GetRequiredService<ProductSearchIndex>();
var loader = provider.GetRequiredService<SearchDocumentLoader>();

// CPU time as well as wall time: on a shared machine the wall time mostly measures the other processes, while the
// CPU time this process used per product says where the work is (reading vs. writing the index).
static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
// The runtime's side of the work: bytes allocated, collections and their pauses, JIT compilation.
static (long Bytes, int Gen0, int Gen1, int Gen2, TimeSpan Pause, TimeSpan Jit) Runtime() =>
    (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
     System.Runtime.JitInfo.GetCompilationTime());
static string RuntimeSince((long Bytes, int Gen0, int Gen1, int Gen2, TimeSpan Pause, TimeSpan Jit) before, int products)
{
    var now = Runtime();
    return $"  runtime: {(now.Bytes - before.Bytes) / 1024.0 / products:N1} KB allocated a product, collections gen0/1/2 {now.Gen0 - before.Gen0}/{now.Gen1 - before.Gen1}/{now.Gen2 - before.Gen2}" +
        $" pausing {(now.Pause - before.Pause).TotalMilliseconds:N0} ms, JIT compiling {(now.Jit - before.Jit).TotalMilliseconds:N0} ms";
}

// The database side alone: every page the rebuild reads, without writing the index.
clock.Restart();
var cpu = Cpu();
var runtime = Runtime();
var loaded = 0;
for (var afterId = 0; ;)
{
    var page = await loader.LoadPageAsync(afterId, 5000);
    loaded += page.Documents.Count;
    if (page.IsLast) break;
    afterId = page.LastId;
}
Console.WriteLine($"loading documents from the database alone: {loaded:N0} in {clock.Elapsed.TotalSeconds:N2} s = {loaded / clock.Elapsed.TotalSeconds:N0} products/s" +
    $" (CPU {(Cpu() - cpu).TotalMicroseconds / loaded:N0} µs a product)");
Console.WriteLine(RuntimeSince(runtime, loaded));

clock.Restart();
cpu = Cpu();
runtime = Runtime();
var indexed = await indexer.RebuildAsync(null);
var buildSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"index build: {indexed:N0} products in {buildSeconds:N2} s = {indexed / buildSeconds:N0} products/s (index {new DirectoryInfo(index.CurrentDirectory).EnumerateFiles().Sum(f => f.Length) / 1048576.0:N0} MiB)" +
    $" (CPU {(Cpu() - cpu).TotalMicroseconds / indexed:N0} µs a product, reading and writing together)");
Console.WriteLine(RuntimeSince(runtime, indexed));
if (buildOnly)
{
    await CleanUpAsync();
    return;
}

// A realistic mix: one to three words from the catalogue's vocabulary, some with filters, some sorted, some typos.
string[] words = ["headphones", "wireless", "shirt", "cotton", "laptop", "organic", "chair", "oak", "running", "shoes",
    "phone", "coffee", "novel", "table", "jacket", "lamp", "toy", "yoga", "serum", "blue", "black", "leather", "steel", "pro"];
var random = new Random(42);
SearchQuery NextQuery(int i)
{
    var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Length)]));
    if (i % 10 == 7) text = text[..^1] + "x"; // a typo now and then
    return new SearchQuery
    {
        Text = text,
        InStockOnly = i % 4 == 1,
        MinPrice = i % 5 == 2 ? 20 : null,
        MaxPrice = i % 5 == 2 ? 200 : null,
        Sort = i % 6 == 3 ? SearchSort.PriceLow : SearchSort.Relevance,
        Page = i % 8 == 5 ? 2 : 1,
    };
}
for (var i = 0; i < 100; i++) index.Search(NextQuery(i)); // warm-up

var searchTimes = new List<double>(queries);
var broadTimes = new List<double>();
for (var i = 0; i < queries; i++)
{
    var query = NextQuery(i);
    var t = Stopwatch.GetTimestamp();
    var result = index.Search(query);
    var elapsed = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    searchTimes.Add(elapsed);
    if (result.Total >= 5_000) broadTimes.Add(elapsed);
}
Report("search (page + total + facets)", searchTimes);
if (broadTimes.Count > 0) Report("  of which queries with 5,000+ matches", broadTimes);

var suggestTimes = new List<double>(queries);
for (var i = 0; i < queries; i++)
{
    var word = words[random.Next(words.Length)];
    var prefix = word[..random.Next(2, word.Length + 1)];
    var t = Stopwatch.GetTimestamp();
    index.Suggest(prefix);
    suggestTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
}
Report("suggest (prefix)", suggestTimes);

// Register products through the same use case the API calls while the node's indexer service runs as in the app
// (it polls the outbox every 200 ms), and time each until a search finds it: the poll's wait is part of the figure.
var shopId = await provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext().Shops.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
var indexerService = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SearchIndexerService>().Single();
await indexerService.StartAsync(CancellationToken.None);
var marker = "benchmark" + Guid.NewGuid().ToString("N")[..8];
var commands = provider.GetRequiredService<ProductCommands>();
Task<ProductRef> Register(string name) => commands.CreateAsync(shopId, new ProductInput
{
    Name = name, Description = "registered by the benchmark", Variants = [new VariantInput { Price = 200m, Stock = 30 }],
});

// First a burst, the first writes after the rebuild (a merchant's import): 300 registrations back to back while the
// indexer writes them in batches and starts merging the rebuilt segment. Each is timed from the start of its
// registration until a search finds it (events are applied in order, so a poller follows them one by one). A write
// caught behind a whole-index merge would show here.
const int burstSize = 300;
var registeredAt = new long[burstSize];
var burstVisibility = new List<double>(burstSize);
var following = Task.Run(async () =>
{
    for (var next = 0; next < burstSize;)
    {
        var at = Volatile.Read(ref registeredAt[next]);
        if (at != 0 && index.Search(new SearchQuery { Text = $"{marker}b{next}" }).Total > 0)
        {
            burstVisibility.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            next++;
        }
        else await Task.Delay(1);
    }
});
var burst = Stopwatch.StartNew();
for (var i = 0; i < burstSize; i++)
{
    Volatile.Write(ref registeredAt[i], Stopwatch.GetTimestamp());
    await Register($"{marker}b{i} KUHL Laptop");
}
var registeredIn = burst.Elapsed;
await following;
var burstSlowest = Slowest(burstVisibility); // before Report sorts the list
Report($"burst: {burstSize} registrations back to back (in {registeredIn.TotalSeconds:N1} s), registered -> searchable", burstVisibility);
Console.WriteLine($"  slowest registrations of the burst (in the order made): {burstSlowest}");

var visibility = new List<double>();
// Then 300 paced ones, arriving at any point of the indexer's poll, while the index goes on merging between its writes.
for (var i = 0; i < 300; i++)
{
    var started = Stopwatch.GetTimestamp();
    await Register($"{marker}{i} KUHL Laptop");
    while (index.Search(new SearchQuery { Text = $"{marker}{i}" }).Total == 0) await Task.Delay(2);
    visibility.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    await Task.Delay(random.Next(0, 200)); // registrations arrive at any point of the indexer's poll
}
await indexerService.StopAsync(CancellationToken.None);
var slowest = Slowest(visibility); // before Report sorts the list
Report("registered -> searchable (create, then the indexer service's poll and catch-up)", visibility);
Console.WriteLine($"  slowest registrations (in the order made): {slowest}");

await CleanUpAsync();

// The services stop; a temporary data folder is deleted (a kept one stays for the next run).
async Task CleanUpAsync()
{
    await provider.DisposeAsync();
    if (keep) return;
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

// The three slowest of a list of timings, named by their place in it (#1 is the first made).
static string Slowest(List<double> times) =>
    string.Join(", ", times.Select((ms, i) => (ms, i)).OrderByDescending(x => x.ms).Take(3).Select(x => $"#{x.i + 1} {x.ms:N0} ms"));

static void Report(string what, List<double> times)
{
    times.Sort();
    double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
    Console.WriteLine($"{what}: n={times.Count} p50={P(0.50):N2} ms p95={P(0.95):N2} ms p99={P(0.99):N2} ms max={times[^1]:N2} ms");
}
