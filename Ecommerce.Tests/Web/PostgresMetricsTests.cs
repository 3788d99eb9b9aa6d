using System.Net;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace Ecommerce.Tests.Web;

/// <summary>
/// A node on PostgreSQL exports Npgsql's own meter at /metrics (connections, commands), once a request has used the
/// database. SQLite has no such meter, which is why this runs on PostgreSQL only.
/// </summary>
[RequiresPostgres]
public sealed class PostgresMetricsTests(ITestOutputHelper output)
{
    [DatabaseFact]
    public async Task A_node_on_postgres_exports_npgsql_metrics_after_a_request_that_reads_the_database()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync(); // an empty database the node migrates and seeds, dropped afterwards
        var node = new PostgresNode(new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString) { MaxPoolSize = 10 }.ConnectionString);
        try
        {
            await node.InitializeAsync();
            using var merchant = node.CreateClient();
            merchant.DefaultRequestHeaders.Add("X-Api-Key", WebAppFixture.DemoApiKey);
            Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/products?page_size=5")).StatusCode); // key and products: SQL

            using var scraper = node.CreateClient();
            var metrics = await scraper.GetStringAsync("/metrics");
            var npgsql = metrics.Split('\n').Where(line => !line.StartsWith('#') && line.Contains("otel_scope_name=\"Npgsql\"")).ToList();
            foreach (var line in npgsql.Take(10)) output.WriteLine(line);
            Assert.True(npgsql.Count > 0, "no series of the Npgsql meter in /metrics:\n" + string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("# TYPE")).Take(60)));
            // Commands ran through Npgsql's data source: their count or duration is above zero.
            Assert.Contains(npgsql, line => line.StartsWith("db_client_") && double.TryParse(line[(line.LastIndexOf(' ') + 1)..],
                System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0);
        }
        finally
        {
            await node.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private sealed class PostgresNode(string connectionString) : WebAppFixture
    {
        protected override void Configure(IWebHostBuilder web)
        {
            web.UseSetting("Database:Provider", "Postgres");
            web.UseSetting("ConnectionStrings:Postgres", connectionString);
        }
    }
}
