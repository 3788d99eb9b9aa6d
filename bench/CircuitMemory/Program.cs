// Memory per interactive console circuit: N chromium pages signed in as the demo merchant, each with the merchant
// console's products grid (/merchant) open (its own Blazor circuit), against a running app. The server's memory is read through its
// admin-only endpoint (GC heap after a full collection, and the working set) with one warm-up circuit open, then
// with N more; the difference divided by N is the cost of one circuit.
//
// Usage (run.sh starts the app): dotnet run -c Release --project bench/CircuitMemory -- <base url> [circuits] [admin email] [admin password]
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5095";
var circuits = args.Length > 1 ? int.Parse(args[1]) : 200;
var adminEmail = args.Length > 2 ? args[2] : "admin@demo.local";
var adminPassword = args.Length > 3 ? args[3] : "Demo123!";
const int AtOnce = 6; // pages opening at the same time

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = adminEmail, password = adminPassword });
login.EnsureSuccessStatusCode();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium", Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-quic", "--disable-sync", "--renderer-process-limit=6", "--disable-renderer-backgrounding",
            "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
});
var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
var first = await context.NewPageAsync();
await first.GotoAsync("/Identity/Account/Login");
await first.FillAsync("#Input_Email", "merchant@demo.local");
await first.FillAsync("#Input_Password", "Demo123!");
await first.ClickAsync("#login-submit");
await first.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login"));
const string productsLink = "/merchant"; // the merchant console's home holds the products grid (MerchantProductsGrid)
Console.WriteLine($"Circuits: {circuits} × {productsLink} at {baseUrl}");

await OpenGridAsync(first); // the warm-up circuit: code loaded, caches filled
var before = await MemoryAsync();
var started = DateTime.UtcNow;
var pages = new List<IPage>();
for (var opened = 0; opened < circuits; opened += AtOnce)
{
    var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(AtOnce, circuits - opened)).Select(async _ =>
    {
        var page = await context.NewPageAsync();
        await OpenGridAsync(page);
        return page;
    }));
    pages.AddRange(batch);
    if (pages.Count % 50 < AtOnce) Console.WriteLine($"  {pages.Count} open ({(DateTime.UtcNow - started).TotalSeconds:N0} s)");
}
await Task.Delay(TimeSpan.FromSeconds(5)); // let the last renders settle
var after = await MemoryAsync();
var gcPer = (after.Heap - before.Heap) / (double)circuits / 1024;
var wsPer = (after.WorkingSet - before.WorkingSet) / (double)circuits / 1024;
Console.WriteLine($"GC heap after a full collection: {before.Heap / 1048576.0:N1} MiB → {after.Heap / 1048576.0:N1} MiB; per circuit {gcPer:N0} KB");
Console.WriteLine($"working set: {before.WorkingSet / 1048576.0:N1} MiB → {after.WorkingSet / 1048576.0:N1} MiB; per circuit {wsPer:N0} KB");
Console.WriteLine($"load average (1 min): {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
// CIRCUIT_HOLD_SECONDS keeps the circuits open after the measure, e.g. for `dotnet-gcdump collect` on the app.
if (int.TryParse(Environment.GetEnvironmentVariable("CIRCUIT_HOLD_SECONDS"), out var hold) && hold > 0)
{
    Console.WriteLine($"holding the {circuits} circuits open for {hold} s");
    await Task.Delay(TimeSpan.FromSeconds(hold));
}
return;

async Task OpenGridAsync(IPage page)
{
    var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    page.WebSocket += (_, socket) => socket.FrameReceived += (_, _) => connected.TrySetResult();
    await page.GotoAsync(productsLink, new() { Timeout = 120_000 });
    await connected.Task.WaitAsync(TimeSpan.FromSeconds(120));
    await page.Locator("main[data-circuit=ready] .products-grid tbody .edit-product").First.WaitForAsync(new() { Timeout = 120_000 });
}

async Task<(long Heap, long WorkingSet)> MemoryAsync()
{
    var memory = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/diagnostics/memory");
    return (memory.GetProperty("gc_heap_bytes").GetInt64(), memory.GetProperty("working_set_bytes").GetInt64());
}
