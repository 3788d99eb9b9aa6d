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
        if (db.IsSqlServer && !await db.Database.SqlQueryRaw<bool>(SqlServer.ReadCommittedSnapshot).SingleAsync(cancellationToken))
            logger.LogWarning("READ_COMMITTED_SNAPSHOT is off: readers wait for writers (the outbox reader behind open checkouts). " +
                              "Turn it on once: ALTER DATABASE <name> SET READ_COMMITTED_SNAPSHOT ON (README, \"Running on SQL Server\")");
    }

    [SqlServerStatements]
    internal static class SqlServer
    {
        public const string ReadCommittedSnapshot =
            "SELECT is_read_committed_snapshot_on AS [Value] FROM sys.databases WHERE database_id = DB_ID()";
    }
}
