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

    /// <summary>
    /// The database cannot be reached: a server that is down, refuses or drops the connection, or is shutting down; a
    /// SQLite file that cannot be opened or read. What the request wanted to write was not committed; it can be tried
    /// again in a moment.
    /// </summary>
    public static bool IsUnreachable(Exception? e) => e switch
    {
        null => false,
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException { IsTransient: true } => true,
        SqliteException { SqliteErrorCode: 10 or 14 } => true, // SQLITE_IOERR, SQLITE_CANTOPEN
        SqlException sql => HasNumber(sql, -2, 53, 233, 4060, 10053, 10054, 10060, 40613) || IsUnreachable(sql.InnerException), // timeout, no server, broken transport, database unavailable
        System.Net.Sockets.SocketException => true,
        _ => IsUnreachable(e.InnerException),
    };
}
