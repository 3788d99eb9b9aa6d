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
        System.Net.Sockets.SocketException => true,
        _ => IsUnreachable(e.InnerException),
    };
}
