using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data;
using Microsoft.Extensions.Options;

namespace Ecommerce.Web.Hosting;

internal static class StartupTasks
{
    /// <summary>Before the first request: migrate, create roles and the first admin, seed demo data if on.</summary>
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

        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        // DEMO-SEED
    }
}
