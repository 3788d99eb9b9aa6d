using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ecommerce.Core.Data;

/// <summary>Recognising database errors the same way on every provider.</summary>
public static class DbErrors
{
    /// <summary>
    /// A unique index refused the row (SQLite's constraint error, PostgreSQL's 23505, SQL Server's 2627 for a
    /// primary key or unique constraint and 2601 for a unique index).
    /// </summary>
    public static bool IsUniqueViolation(Exception? e) =>
        e?.InnerException is { } inner && IsUniqueViolation(inner)
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
        || e is SqlException sql && HasNumber(sql, 2627, 2601);

    private static bool HasNumber(SqlException e, params int[] numbers)
    {
        foreach (SqlError error in e.Errors)
            if (Array.IndexOf(numbers, error.Number) >= 0) return true;
        return false;
    }
}
