using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ecommerce.Tests.Availability;

/// <summary>Two nodes over one PostgreSQL database, both reaching it through one relay the tests can cut.</summary>
public sealed class RelayedPostgresNodes : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    public TcpRelay Relay { get; private set; } = default!;
    public WebAppFixture A { get; private set; } = default!;
    public WebAppFixture B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(_database.Settings.ConnectionString);
        Relay = new TcpRelay(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = Relay.Port, MaxPoolSize = 20, Timeout = 3 };
        A = new Node(relayed.ConnectionString);
        await A.InitializeAsync(); // migrates and seeds; then the second node joins
        B = new Node(relayed.ConnectionString);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        Relay?.Restore();
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Relay is not null) await Relay.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class Node(string connectionString) : WebAppFixture
    {
        protected override void Configure(IWebHostBuilder web)
        {
            web.UseSetting("Database:Provider", "Postgres");
            web.UseSetting("ConnectionStrings:Postgres", connectionString);
        }
    }
}

/// <summary>
/// Every node browses from its own index while the database is away, including one that joined a running site: a
/// product registered on the first node before the cut is on the second node's pages during it.
/// </summary>
[RequiresPostgres]
public sealed class SecondNodeOutageTests(RelayedPostgresNodes nodes) : IClassFixture<RelayedPostgresNodes>
{
    [DatabaseFact]
    public async Task Both_nodes_browse_and_search_while_the_database_is_away()
    {
        using var merchant = Api.ProductApi.Client(nodes.A, WebAppFixture.DemoApiKey);
        var name = "Lantern made before the outage " + Guid.NewGuid().ToString("N")[..6];
        var made = await merchant.PostAsJsonAsync("/api/v1/products", new { name, description = "Registered on node A.", price_usd = 30, remaining_supply = 7 });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var slug = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
        foreach (var node in new[] { nodes.A, nodes.B }) // each node's indexer reads it from the outbox
        {
            var index = node.Services.GetRequiredService<ProductSearchIndex>();
            await StorefrontOutageTests.Eventually(() => Task.FromResult(index.Document(slug) is not null));
        }

        nodes.Relay.Cut();
        try
        {
            foreach (var (node, label) in new[] { (nodes.A, "A"), (nodes.B, "B") })
            {
                using var client = node.CreateClient();
                foreach (var path in new[] { $"/p/{slug}", $"/search?q={Uri.EscapeDataString(name)}", "/" })
                {
                    var response = await client.GetAsync(path);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"node {label}: {path} answered {(int)response.StatusCode} while the database was away");
                    if (path != "/") Assert.Contains(HtmlEncoder.Default.Encode(name), await response.Content.ReadAsStringAsync());
                }
                var product = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{slug}");
                Assert.Equal(7, product.GetProperty("variants")[0].GetProperty("available").GetInt32()); // stock as last known
            }
        }
        finally
        {
            nodes.Relay.Restore();
        }
    }
}
