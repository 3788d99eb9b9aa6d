using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Shops;
using Microsoft.Extensions.Options;

namespace Ecommerce.Web.Hosting;

internal static class StartupTasks
{
    /// <summary>Before the first request: migrate, create roles and the first admin, seed demo data if on, refresh the
    /// query planner's statistics (a large seed changes them).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Startup");
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        logger.LogInformation("Database: {Provider}; data folder: {Folder}", settings.Provider, settings.DataFolder);
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountBootstrapper>();
        await accounts.EnsureRolesAsync();
        await accounts.EnsureAdminAsync(app.Configuration["Admin:Email"], app.Configuration["Admin:Password"]);

        var demo = app.Services.GetRequiredService<IOptions<DemoSettings>>().Value;
        if (demo.Enabled) await SeedDemoAsync(scope.ServiceProvider.GetRequiredService<DemoSeeder>(), demo, logger);
        if (demo.Enabled && !string.IsNullOrWhiteSpace(demo.MerchantApiKey))
            await scope.ServiceProvider.GetRequiredService<ApiKeys>().EnsureDemoKeyAsync(demo.MerchantApiKey.Trim());
        await app.Services.GetRequiredService<PlannerStatistics>().RefreshAsync();
    }

    private static async Task SeedDemoAsync(DemoSeeder seeder, DemoSettings demo, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await seeder.SeedAsync();
        if (demo.BulkProducts <= 0) return;
        var lastLogged = 0;
        var progress = new Progress<int>(done =>
        {
            if (done - lastLogged < 10_000 && done < demo.BulkProducts) return;
            lastLogged = done;
            logger.LogInformation("Bulk catalogue: {Done:N0} of {Total:N0} products", done, demo.BulkProducts);
        });
        var added = await seeder.EnsureBulkProductsAsync(demo.BulkProducts, progress);
        if (added > 0) logger.LogInformation("Bulk catalogue: added {Added:N0} products in {Seconds:N1} s", added, started.Elapsed.TotalSeconds);
    }
}
