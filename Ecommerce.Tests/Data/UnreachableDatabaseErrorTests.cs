using System.Net;
using System.Net.Sockets;
using Ecommerce.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Ecommerce.Tests.Data;

/// <summary>
/// What counts as "the database is away" (a 503 and the storefront from the index) rather than an error, from the errors
/// the real clients raise: SQL Server's client against no server, one that drops the connection, one that never answers
/// (no SQL Server engine can run here, so these are the outages it can be given); SQLite against a file whose folder is
/// gone, and a file that is not a database (not an outage: retrying will not help).
/// </summary>
public sealed class UnreachableDatabaseErrorTests
{
    private static async Task<Exception> OpenSqlServerAsync(int port, int timeoutSeconds = 3)
    {
        var connectionString = new SqlConnectionStringBuilder
        {
            DataSource = $"tcp:127.0.0.1,{port}", InitialCatalog = "ecommerce", UserID = "sa", Password = "not-used-1A",
            ConnectTimeout = timeoutSeconds, Encrypt = SqlConnectionEncryptOption.Optional, Pooling = false, ConnectRetryCount = 0,
        }.ConnectionString;
        await using var connection = new SqlConnection(connectionString);
        return await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Sql_server_refusing_the_connection_is_unreachable()
    {
        var error = await OpenSqlServerAsync(ClosedPort());
        Assert.True(DbErrors.IsUnreachable(error), Describe(error));
    }

    [Fact]
    public async Task Sql_server_dropping_the_connection_is_unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dropping = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++) (await listener.AcceptTcpClientAsync()).Dispose(); // the server goes away mid-handshake
        });
        var error = await OpenSqlServerAsync(((IPEndPoint)listener.LocalEndpoint).Port);
        Assert.True(DbErrors.IsUnreachable(error), Describe(error));
    }

    [Fact]
    public async Task Sql_server_that_never_answers_is_unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts (in the backlog) and says nothing: the client's timeout ends it
        var error = await OpenSqlServerAsync(((IPEndPoint)listener.LocalEndpoint).Port, timeoutSeconds: 2);
        Assert.True(DbErrors.IsUnreachable(error), Describe(error));
    }

    [Fact]
    public void Sqlite_file_in_a_folder_that_is_gone_is_unreachable_and_a_file_that_is_not_a_database_is_an_error()
    {
        var folder = Directory.CreateTempSubdirectory("sqlite-errors-").FullName;
        try
        {
            using (var gone = new SqliteConnection($"Data Source={Path.Combine(folder, "volume", "ecommerce.db")};Pooling=False"))
            {
                var error = Assert.Throws<SqliteException>(() => gone.Open());
                Assert.Equal(14, error.SqliteErrorCode); // SQLITE_CANTOPEN
                Assert.True(DbErrors.IsUnreachable(error));
            }

            var notADatabase = Path.Combine(folder, "notes.db");
            File.WriteAllText(notADatabase, new string('x', 4096));
            using var connection = new SqliteConnection($"Data Source={notADatabase};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            var notADb = Assert.Throws<SqliteException>(() => command.ExecuteScalar());
            Assert.Equal(26, notADb.SqliteErrorCode); // SQLITE_NOTADB
            Assert.False(DbErrors.IsUnreachable(notADb));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Describe(Exception e) =>
        $"{e.GetType().Name} {(e as SqlException)?.Number} class {(e as SqlException)?.Class} {e.Message} <- {e.InnerException?.GetType().Name}: {e.InnerException?.Message}";
}
