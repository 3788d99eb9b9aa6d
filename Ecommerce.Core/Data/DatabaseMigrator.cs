using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Data;

/// <summary>Applies the provider's migrations; run once at start, before the app takes requests.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<AppDbContext> contexts, DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            logger.LogInformation("Applying {Count} {Provider} migration(s): {Migrations}", pending.Count, settings.Provider, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }
}
