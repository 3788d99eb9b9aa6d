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

    /// <summary>
    /// The client's own report of a connection that broke before the server said anything (number 0, a fatal class):
    /// "a connection was successfully established with the server, but then an error occurred during the pre-login
    /// handshake", as when the server or a proxy in front of it goes away.
    /// </summary>
    private static bool IsClientTransportFailure(SqlException e)
    {
        foreach (SqlError error in e.Errors)
            if (error.Number == 0 && error.Class >= 20) return true;
        return false;
    }

    private static bool HasNumber(SqlException e, params int[] numbers)
    {
        foreach (SqlError error in e.Errors)
            if (Array.IndexOf(numbers, error.Number) >= 0) return true;
        return false;
    }

    /// <summary>
    /// The database cannot be reached: a server that is down, refuses or drops the connection, or is shutting down; a
    /// SQLite file that cannot be opened or read (SQLITE_CANTOPEN: its folder or volume is gone; SQLITE_IOERR: reading or
    /// writing it failed; SQLITE_READONLY_DBMOVED: it was moved or deleted under an open connection). What the request
    /// wanted to write was not committed; it can be tried again in a moment. Not an outage, and so errors as ever: a file
    /// that is not a database or is damaged (SQLITE_NOTADB, SQLITE_CORRUPT), a full disk, a lock held too long
    /// (SQLITE_BUSY), a login refused, a statement the server rejects.
    /// </summary>
    public static bool IsUnreachable(Exception? e) => e switch
    {
        null => false,
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException { IsTransient: true } => true,
        SqliteException { SqliteErrorCode: 10 or 14 } or SqliteException { SqliteExtendedErrorCode: 1032 } => true,
        SqlException sql => HasNumber(sql, SqlServerUnreachable) || IsClientTransportFailure(sql) || IsUnreachable(sql.InnerException),
        System.Net.Sockets.SocketException or DatabaseAwayException => true,
        _ => IsUnreachable(e.InnerException),
    };

    /// <summary>
    /// SQL Server's numbers for a server that cannot be reached: -2 timeout; 53 and 11001 no such server (or name
    /// service down); 64, 121, 233, 10053, 10054 the connection broken or closed; 1231, 10060, 10061 no answer or
    /// refused; 4060 the database cannot be opened (offline, restoring); 40613 an Azure database not available now.
    /// </summary>
    internal static readonly int[] SqlServerUnreachable = [-2, 53, 64, 121, 233, 1231, 4060, 10053, 10054, 10060, 10061, 11001, 40613];
}
