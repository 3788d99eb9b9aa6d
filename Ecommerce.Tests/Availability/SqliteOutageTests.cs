using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Search;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Availability;

/// <summary>
/// A node on SQLite whose database file cannot be opened (the folder that holds it, a mounted volume, goes away, and
/// the open handles with it) behaves as one whose PostgreSQL server went away: the storefront answers from the index,
/// checkout and carts answer 503 with Retry-After, the node is degraded but live; and all resumes when the file is back.
/// A shop page is then shown as the node last read it, and one it does not know is "not available for a moment".
/// </summary>
public sealed class SqliteOutageTests(SqliteOutageTests.Node node) : IClassFixture<SqliteOutageTests.Node>
{
    /// <summary>The app with its SQLite file in a folder of its own, which a test can take away and put back.</summary>
    public sealed class Node : WebAppFixture
    {
        private string DatabaseFolder => Path.Combine(DataFolder, "volume");

        protected override void Configure(IWebHostBuilder web)
        {
            Directory.CreateDirectory(DatabaseFolder);
            web.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(DatabaseFolder, "ecommerce.db")}");
        }

        public void TakeDatabaseAway()
        {
            Directory.Move(DatabaseFolder, DatabaseFolder + "-away");
            SqliteConnection.ClearAllPools(); // the handles opened on the volume are gone with it
        }

        public void BringDatabaseBack() => Directory.Move(DatabaseFolder + "-away", DatabaseFolder);
    }

    [Fact]
    public async Task With_its_sqlite_file_out_of_reach_the_storefront_answers_checkout_waits_and_everything_resumes_when_it_is_back()
    {
        var index = node.Services.GetRequiredService<ProductSearchIndex>();
        await StorefrontOutageTests.Eventually(() => Task.FromResult(index.Checkpoint() is not null));
        var hit = index.Search(new SearchQuery { InStockOnly = true, Sort = SearchSort.Bestselling, PageSize = 1, WithFacets = false }).Items[0];
        var document = index.Document(hit.Slug)!;
        var pages = new (string Path, IReadOnlyCollection<string> Names)[]
        {
            ("/", Names(index, new SearchQuery { PageSize = 100, WithFacets = false, Sort = SearchSort.Bestselling })),
            ($"/search?q={Uri.EscapeDataString(hit.Name)}", [hit.Name]),
            ($"/c/{document.CategorySlug}", Names(index, new SearchQuery { Category = document.CategorySlug, PageSize = 100, WithFacets = false })),
            ($"/p/{hit.Slug}", [hit.Name]),
            ($"/s/{document.ShopSlug}", Names(index, new SearchQuery { Shop = document.ShopSlug, PageSize = 100, WithFacets = false })),
        };
        var product = await StoreApi.NewProductAsync(node, 10);
        using var shopper = node.CreateClient();
        using var guest = StoreApi.Guest(node);
        // A node just started is ready once its index is built: wait for that before the cut.
        await StorefrontOutageTests.Eventually(async () => await ReadyAsync(shopper) == "Healthy", seconds: 60);
        object Checkout() => new
        {
            email = "sqlite-outage@test.local", lines = new[] { new { variantId = product.VariantId, quantity = 1 } },
            shipTo = StoreApi.UsAddress, payment = StoreApi.Card(),
        };
        var key = Guid.NewGuid().ToString();

        node.TakeDatabaseAway();
        try
        {
            var started = DateTime.UtcNow;
            Assert.Equal("Healthy", await shopper.GetStringAsync("/health/live"));
            Assert.Equal("Degraded", await ReadyAsync(shopper));
            foreach (var (path, names) in pages)
            {
                var response = await shopper.GetAsync(path);
                var html = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} while the database file was out of reach");
                Assert.True(names.Any(name => html.Contains(HtmlEncoder.Default.Encode(name))), $"{path} shows none of its products");
                Assert.Contains("Checkout is paused for a moment", html);
            }

            var refused = await StoreApi.CheckoutAsync(guest, Checkout(), key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "requests must be answered at once while the file is out of reach");
        }
        finally
        {
            node.BringDatabaseBack();
        }

        await StorefrontOutageTests.Eventually(async () => await ReadyAsync(shopper) == "Healthy");
        await StorefrontOutageTests.Eventually(async () => (await StoreApi.CheckoutAsync(guest, Checkout(), key)).StatusCode == HttpStatusCode.Created);
        await using var db = StoreApi.Contexts(node).CreateDbContext();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.Email == "sqlite-outage@test.local")); // the refused attempt left nothing
        await StorefrontOutageTests.Eventually(async () => !(await shopper.GetStringAsync($"/p/{hit.Slug}")).Contains("Checkout is paused"));
    }

    [Fact]
    public async Task A_shop_without_products_is_shown_as_last_read_and_one_this_node_does_not_know_is_back_in_a_moment()
    {
        Shop known, unknown;
        await using (var db = StoreApi.Contexts(node).CreateDbContext())
        {
            known = (await TestData.ShopWithCategoryAsync(db, "empty-" + Guid.NewGuid().ToString("N")[..8])).Shop;
            unknown = (await TestData.ShopWithCategoryAsync(db, "unseen-" + Guid.NewGuid().ToString("N")[..8])).Shop;
        }
        using var shopper = node.CreateClient();
        var before = await shopper.GetAsync($"/s/{known.Slug}");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        node.TakeDatabaseAway();
        try
        {
            var shown = await shopper.GetAsync($"/s/{known.Slug}");
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Contains(HtmlEncoder.Default.Encode(known.Name), await shown.Content.ReadAsStringAsync());

            var waiting = await shopper.GetAsync($"/s/{unknown.Slug}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode); // not a 404: it may well exist
            Assert.NotNull(waiting.Headers.RetryAfter);
            Assert.Contains("This shop&#x27;s page is not available for a moment", await waiting.Content.ReadAsStringAsync());
        }
        finally
        {
            node.BringDatabaseBack();
        }
        await StorefrontOutageTests.Eventually(async () => (await shopper.GetAsync($"/s/{unknown.Slug}")).StatusCode == HttpStatusCode.OK);
    }

    private static List<string> Names(ProductSearchIndex index, SearchQuery query) => index.Search(query).Items.Select(i => i.Name).ToList();

    private static async Task<string> ReadyAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Accept.ParseAdd("application/json");
        var body = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("status").GetString()!;
    }
}
