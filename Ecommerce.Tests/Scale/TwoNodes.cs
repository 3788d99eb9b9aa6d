using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Ecommerce.Tests.Scale;

/// <summary>
/// Two nodes of the real app, each on its own loopback port and its own data folder (search index, mail folder),
/// over ONE fresh PostgreSQL database, both running their outbox dispatchers and search indexers.
/// Node A starts first (it migrates and seeds the demo catalogue), then node B joins, as in a rolling start.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    public WebAppFixture A { get; private set; } = default!;
    public WebAppFixture B { get; private set; } = default!;
    public WebAppFixture[] Both => [A, B];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // Each node its own pool, well below the server's 100 connections (other test classes share it).
        var connection = new NpgsqlConnectionStringBuilder(_database.Settings.ConnectionString) { MaxPoolSize = 30 }.ConnectionString;
        A = new PostgresNode(connection);
        await A.InitializeAsync();
        B = new PostgresNode(connection);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class PostgresNode(string connectionString) : WebAppFixture
    {
        protected override void Configure(IWebHostBuilder web)
        {
            web.UseSetting("Database:Provider", "Postgres");
            web.UseSetting("ConnectionStrings:Postgres", connectionString);
            // Every buyer of the tests comes from 127.0.0.1: the per-address checkout limit would refuse the test, not abuse.
            web.UseSetting("RateLimits:CheckoutPerMinute", "0");
        }
    }
}
