using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ecommerce.Core.Data;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Availability;

/// <summary>
/// While the database is away the node says it is degraded but live, and what needs the database is refused at once
/// with a 503 that says nothing was charged (a page for people, a problem with Retry-After for the API); when it
/// returns, the node is ready and takes changes again by itself.
/// </summary>
[RequiresPostgres]
public sealed partial class DatabaseOutageTests(RelayedPostgresNode node) : IClassFixture<RelayedPostgresNode>
{
    [DatabaseFact]
    public async Task A_node_whose_database_goes_away_refuses_changes_cleanly_and_resumes_when_it_returns()
    {
        using var shopper = node.App.CreateClient();
        using var merchant = ProductApi.Client(node.App, WebAppFixture.DemoApiKey);
        // A node just started is ready once its index is built (and rebuilt, after an upgrade): wait for that first.
        await StorefrontOutageTests.Eventually(async () => await ReadyAsync(shopper) == ("Healthy", HttpStatusCode.OK), seconds: 60);
        var token = TokenPattern().Match(await shopper.GetStringAsync("/Identity/Account/Login")).Groups[1].Value;
        int variantId;
        await using (var db = node.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
            variantId = await db.StockItems.Where(s => s.OnHand > 5).Select(s => s.VariantId).FirstAsync();

        node.Relay.Cut();
        try
        {
            Assert.Equal("Healthy", await shopper.GetStringAsync("/health/live"));
            var (ready, status) = await ReadyAsync(shopper);
            Assert.Equal("Degraded", ready); // 200: a balancer keeps the node for browsing
            Assert.Equal(HttpStatusCode.OK, status);

            var started = DateTime.UtcNow;
            var add = await shopper.PostAsync("/cart/add", Form(("__RequestVerificationToken", token), ("variantId", $"{variantId}"), ("quantity", "1")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, add.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), add.Headers.RetryAfter?.Delta);
            Assert.Contains("Nothing was charged or saved", await add.Content.ReadAsStringAsync());

            var created = await merchant.PostAsJsonAsync("/api/v1/products", ProductApi.SeedPayload("Made while away"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, created.StatusCode);
            Assert.Equal("application/problem+json", created.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(created.Headers.RetryAfter);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "requests that need the database must not hang while it is away");
        }
        finally
        {
            node.Relay.Restore();
        }

        // Back by itself: ready within seconds, and a change goes through (a pooled connection broken by the cut may
        // fail one request; the next one opens a new connection).
        await Eventually(async () => (await ReadyAsync(shopper)).Status == "Healthy");
        await Eventually(async () =>
            (await shopper.PostAsync("/cart/add", Form(("__RequestVerificationToken", token), ("variantId", $"{variantId}"), ("quantity", "1"))))
            .StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther);
        var made = await merchant.PostAsJsonAsync("/api/v1/products", ProductApi.SeedPayload("Made after the return"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
    }

    private static async Task<(string Status, HttpStatusCode Code)> ReadyAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Accept.ParseAdd("application/json");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("status").GetString()!, response.StatusCode);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the node did not resume within 20 seconds of the database's return");
            await Task.Delay(250);
        }
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")] private static partial Regex TokenPattern();
}
