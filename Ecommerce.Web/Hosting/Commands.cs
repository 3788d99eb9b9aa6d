using Ecommerce.Core.Search;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Maintenance commands run instead of the web server: `dotnet run --project Ecommerce.Web -- rebuild-search-index`
/// rebuilds this node's search index from the database (with progress) and exits.
/// </summary>
internal static class Commands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (!args.Contains("rebuild-search-index")) return false;
        var indexer = app.Services.GetRequiredService<SearchIndexer>();
        var progress = new Progress<(int Done, int Total)>(p => Console.WriteLine($"indexed {p.Done:N0} of {p.Total:N0} products"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var count = await indexer.RebuildAsync(progress);
        Console.WriteLine($"Search index rebuilt: {count:N0} products in {started.Elapsed.TotalSeconds:N1} s");
        return true;
    }
}
