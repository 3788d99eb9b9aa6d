using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Ecommerce.Tests.Scale;

/// <summary>
/// Two nodes of the real app, each on its own loopback port and its own data folder (search index, mail folder),
/// over ONE fresh database of a server (PostgreSQL or SQL Server), both running their outbox dispatchers and search
/// indexers. Node A starts first (it migrates and seeds the demo catalogue), then node B joins, as in a rolling start.
/// Where the server is not available nothing is made (the tests, <see cref="DatabaseFactAttribute"/>s, are skipped).
/// </summary>
public abstract class TwoNodes : IAsyncLifetime
{
    private TestDatabase? _database;

    public WebAppFixture A { get; private set; } = default!;
    public WebAppFixture B { get; private set; } = default!;
    public WebAppFixture[] Both => [A, B];

    /// <summary>Why the server cannot be used here, or null.</summary>
    protected abstract string? Unavailable { get; }
    protected abstract TestDatabase NewDatabase();
    /// <summary>The provider's name for Database:Provider and its connection string's name.</summary>
    protected abstract string Provider { get; }
    /// <summary>The database's connection string with each node's own pool, well below the server's connection limit.</summary>
    protected abstract string NodeConnection(string connectionString);

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        _database = NewDatabase();
        await _database.InitializeAsync();
        var connection = NodeConnection(_database.Settings.ConnectionString);
        A = new Node(Provider, connection);
        await A.InitializeAsync();
        B = new Node(Provider, connection);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private sealed class Node(string provider, string connectionString) : WebAppFixture
    {
        protected override void Configure(IWebHostBuilder web)
        {
            web.UseSetting("Database:Provider", provider);
            web.UseSetting($"ConnectionStrings:{provider}", connectionString);
            // Every buyer of the tests comes from 127.0.0.1: the per-address checkout limit would refuse the test, not abuse.
            web.UseSetting("RateLimits:CheckoutPerMinute", "0");
        }
    }
}

public sealed class PostgresTwoNodes : TwoNodes
{
    protected override string? Unavailable => PostgresServer.Unreachable;
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
    protected override string Provider => "Postgres";
    // Other test classes share the server's 100 connections.
    protected override string NodeConnection(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 30 }.ConnectionString;
}

public sealed class SqlServerTwoNodes : TwoNodes
{
    protected override string? Unavailable => SqlServerTestDatabase.NotConfigured;
    protected override TestDatabase NewDatabase() => new SqlServerTestDatabase();
    protected override string Provider => "SqlServer";
    protected override string NodeConnection(string connectionString) =>
        new SqlConnectionStringBuilder(connectionString) { MaxPoolSize = 30 }.ConnectionString;
}
