using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Ecommerce.Tests.Availability;

/// <summary>
/// Nodes of the app over one fresh PostgreSQL database, all reaching it through one relay the tests can cut, as when
/// the database server goes away. The first node migrates and seeds; the others join it, as in a rolling start.
/// </summary>
public abstract class RelayedPostgresSite(int nodes) : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<WebAppFixture> _nodes = [];

    public TcpRelay Relay { get; private set; } = default!;
    protected IReadOnlyList<WebAppFixture> Nodes => _nodes;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(_database.Settings.ConnectionString);
        Relay = new TcpRelay(direct.Host!, direct.Port);
        // Short timeouts: a request that needs the database is answered at once while it is away, not after 15 s.
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = Relay.Port, MaxPoolSize = 20, Timeout = 3 };
        _relayed = relayed.ConnectionString;
        for (var i = 0; i < nodes; i++)
        {
            var node = new Node(relayed.ConnectionString);
            _nodes.Add(node);
            await node.InitializeAsync();
        }
    }

    /// <summary>
    /// Starts one more node through the relay, its data folder first prepared by <paramref name="prepare"/> (given the
    /// folder), as when a node is upgraded or restarted with what it had on disk. Disposed with the site.
    /// </summary>
    public async Task<WebAppFixture> AddNodeAsync(Action<string> prepare)
    {
        var node = new Node(_relayed, prepare);
        _nodes.Add(node);
        await node.InitializeAsync();
        return node;
    }

    private string _relayed = "";

    public async Task DisposeAsync()
    {
        Relay?.Restore();
        for (var i = _nodes.Count - 1; i >= 0; i--) await _nodes[i].DisposeAsync();
        if (Relay is not null) await Relay.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class Node(string connectionString, Action<string>? prepare = null) : WebAppFixture
    {
        protected override void Configure(IWebHostBuilder web)
        {
            prepare?.Invoke(DataFolder);
            web.UseSetting("Database:Provider", "Postgres");
            web.UseSetting("ConnectionStrings:Postgres", connectionString);
        }
    }
}

/// <summary>One node behind a relay the tests can cut.</summary>
public sealed class RelayedPostgresNode() : RelayedPostgresSite(1)
{
    public WebAppFixture App => Nodes[0];
}

/// <summary>Two nodes over one database, both behind the relay.</summary>
public sealed class RelayedPostgresNodes() : RelayedPostgresSite(2)
{
    public WebAppFixture A => Nodes[0];
    public WebAppFixture B => Nodes[1];
}
