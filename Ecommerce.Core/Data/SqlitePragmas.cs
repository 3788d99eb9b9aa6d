using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ecommerce.Core.Data;

/// <summary>Connection settings SQLite keeps per connection: applied every time one opens.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    // busy_timeout: a writer that finds the file locked waits inside SQLite, which retries after 1, 2, 5, 10… ms.
    // Without it Microsoft.Data.Sqlite retries every 150 ms, and under a rush each lock collision cost that much.
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
