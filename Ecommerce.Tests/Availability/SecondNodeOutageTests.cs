using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Availability;

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
