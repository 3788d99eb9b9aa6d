using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ecommerce.Core.Data;

/// <summary>Recognising database errors the same way on both providers.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite's constraint error, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(Exception? e) =>
        e?.InnerException is { } inner && IsUniqueViolation(inner)
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
