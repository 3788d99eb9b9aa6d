using System.Net;
using System.Text.Encodings.Web;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Tests.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Availability;

/// <summary>
/// A node upgraded over the index an earlier version wrote (documents without their variants, so its product pages could
/// not answer while the database is away) rebuilds that index by itself at start, and its product pages then answer
/// during an outage with no admin having done anything.
/// </summary>
[RequiresPostgres]
public sealed class SearchIndexUpgradeTests(RelayedPostgresNode site) : IClassFixture<RelayedPostgresNode>
{
    [DatabaseFact]
    public async Task A_node_started_on_an_older_index_rebuilds_it_by_itself_and_then_shows_product_pages_while_the_database_is_away()
    {
        var first = site.App.Services.GetRequiredService<ProductSearchIndex>();
        await StorefrontOutageTests.Eventually(() => Task.FromResult(first.Checkpoint() is not null));
        var hit = first.Search(new SearchQuery { InStockOnly = true, Sort = SearchSort.Bestselling, PageSize = 1, WithFacets = false }).Items[0];

        var upgraded = await site.AddNodeAsync(folder => OlderSearchIndex.Write(first.CurrentDirectory, Path.Combine(folder, "search", "products-1")));
        var index = upgraded.Services.GetRequiredService<ProductSearchIndex>();
        var indexer = upgraded.Services.GetRequiredService<SearchIndexer>();
        Assert.True(index.Status().Documents > 0, "the older index was discarded instead of answering until its replacement is ready");
        // The index is swapped in first, then the rebuild's status says it finished.
        await StorefrontOutageTests.Eventually(() => Task.FromResult(index.OlderDocumentFormat is null && indexer.LastRebuild is { FinishedAt: not null }), seconds: 90,
            onFailure: () => $"rebuild: {indexer.LastRebuild?.Reason} {indexer.LastRebuild?.Done}/{indexer.LastRebuild?.Total} {indexer.LastRebuild?.Failure}");
        var rebuild = indexer.LastRebuild!;
        Assert.Contains("earlier version", rebuild.Reason); // as /admin/search shows it
        Assert.True(rebuild.Done > 0 && rebuild.Done == rebuild.Total, $"{rebuild.Done} of {rebuild.Total}");
        Assert.NotNull(index.Document(hit.Slug)?.Variants);

        using var client = upgraded.CreateClient();
        site.Relay.Cut();
        try
        {
            var response = await client.GetAsync($"/p/{hit.Slug}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the product page answered {(int)response.StatusCode} while the database was away");
            Assert.Contains(HtmlEncoder.Default.Encode(hit.Name), html);
        }
        finally
        {
            site.Relay.Restore();
        }
    }
}
