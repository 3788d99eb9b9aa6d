using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Email;
using Ecommerce.Core.Events;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Scale;

/// <summary>
/// Identical nodes over one PostgreSQL or SQL Server database. A login, a bearer token and a form's antiforgery token made on one
/// node are valid on the other (shared data-protection keys); what is registered on A is found in B's own search index;
/// events are handled once while both nodes dispatch; stock reservations and flash-sale caps hold across nodes.
/// </summary>
public abstract class TwoNodeTests<TNodes>(TNodes nodes) : IClassFixture<TNodes> where TNodes : TwoNodes
{
    private WebAppFixture A => nodes.A;
    private WebAppFixture B => nodes.B;

    [DatabaseFact]
    public async Task Both_nodes_are_live_and_ready_and_say_why()
    {
        foreach (var node in nodes.Both)
        {
            using var client = node.CreateClient();
            Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
            request.Headers.Accept.ParseAdd("application/json");
            var ready = await JsonAsync(await client.SendAsync(request), HttpStatusCode.OK);
            Assert.Equal("Healthy", ready.GetProperty("status").GetString());
            Assert.Equal("reachable, migrated", ready.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
            Assert.EndsWith("event(s) behind", ready.GetProperty("checks").GetProperty("search").GetProperty("description").GetString());
        }
    }

    [DatabaseFact]
    public async Task A_login_cookie_made_on_node_A_is_valid_on_node_B()
    {
        var cookies = new CookieContainer(); // cookies ignore ports: one jar serves both nodes, as one host name would behind a balancer
        using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = A.BaseAddress };
        using var onB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = B.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/v1/auth/manage/info")).StatusCode);

        var login = await onA.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = "shopper@demo.local", password = "Demo123!" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var info = await onB.GetAsync("/api/v1/auth/manage/info");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("shopper@demo.local", (await info.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        // A signed-in page too, not only the API.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/orders")).StatusCode);
    }

    [DatabaseFact]
    public async Task A_bearer_token_from_node_A_works_on_node_B()
    {
        using var onA = A.CreateClient();
        var login = await onA.PostAsJsonAsync("/api/v1/auth/login", new { email = "shopper@demo.local", password = "Demo123!" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var onB = B.CreateClient();

        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var info = await onB.GetAsync("/api/v1/auth/manage/info");

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/v1/auth/manage/info")).StatusCode);
    }

    [DatabaseFact]
    public async Task A_form_rendered_by_node_A_posts_to_node_B()
    {
        var product = await NewProductAsync(A, stock: 5);
        var cookies = new CookieContainer();
        using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = A.BaseAddress };
        using var onB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = B.BaseAddress };
        await SignInWithCookieAsync(onA);
        string slug;
        await using (var db = ProductApi.Db(A))
            slug = await db.Products.Where(p => p.Id == product.ProductId).Select(p => p.Slug).SingleAsync();
        var page = await onA.GetStringAsync($"/p/{slug}");
        var token = HiddenValue(page, "__RequestVerificationToken");

        // The product page's add-to-cart post, with A's antiforgery token, answered by B.
        var added = await onB.PostAsync("/cart/add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["variantId"] = product.VariantId.ToString(), ["quantity"] = "1", ["returnUrl"] = "/cart",
        }));

        Assert.True(added.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{(int)added.StatusCode}: {await added.Content.ReadAsStringAsync()}");
        var cart = await JsonAsync(await onA.GetAsync("/api/v1/cart"), HttpStatusCode.OK);
        Assert.Contains(product.Name, cart.ToString());
    }

    [DatabaseFact]
    public async Task Hundreds_of_products_registered_concurrently_on_both_nodes_are_all_found_on_both()
    {
        // PostgreSQL commits concurrent transactions out of id order: an indexer that only kept "the highest event id
        // seen" skipped the events that committed late (23 of 400 were never searchable). 32 registrations at a time,
        // half through each node; every one must become searchable in both nodes' own indexes.
        var word = "Burst" + Guid.NewGuid().ToString("N")[..10];
        const int count = 240;
        using var onA = ProductApi.Client(A, WebAppFixture.DemoApiKey);
        using var onB = ProductApi.Client(B, WebAppFixture.DemoApiKey);
        using var slots = new SemaphoreSlim(32);
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                var created = await ProductApi.CreateAsync(i % 2 == 0 ? onA : onB,
                    new { name = $"{word} item {i}", description = "Registered in a burst.", price_usd = 10 + i % 7, remaining_supply = 2 });
                return created.GetProperty("id").GetInt32();
            }
            finally
            {
                slots.Release();
            }
        }));
        Assert.Equal(count, ids.Distinct().Count());

        foreach (var node in nodes.Both)
        {
            using var client = node.CreateClient();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            HashSet<int> found;
            while (true)
            {
                found = [];
                for (var page = 1; page <= 3; page++)
                {
                    var result = await JsonAsync(await client.GetAsync($"/api/v1/search?q={word}&page_size=100&page={page}"), HttpStatusCode.OK);
                    foreach (var item in result.GetProperty("items").EnumerateArray()) found.Add(item.GetProperty("id").GetInt32());
                }
                if (found.Count == count || DateTime.UtcNow > deadline) break;
                await Task.Delay(250);
            }
            Assert.Equal(ids.Order(), found.Order());
        }
    }

    [DatabaseFact]
    public async Task A_product_registered_through_the_api_on_node_A_is_in_node_B_search_within_two_seconds()
    {
        var name = "Twonode" + Guid.NewGuid().ToString("N")[..10];
        using var merchant = ProductApi.Client(A, WebAppFixture.DemoApiKey);

        await ProductApi.CreateAsync(merchant, new { name, description = "Registered on node A.", price_usd = 12, remaining_supply = 3 });
        var registered = DateTime.UtcNow;

        using var onB = B.CreateClient();
        while (true)
        {
            var found = await JsonAsync(await onB.GetAsync($"/api/v1/search?q={name}"), HttpStatusCode.OK);
            if (found.GetProperty("total").GetInt32() == 1)
            {
                Assert.Equal(name, found.GetProperty("items")[0].GetProperty("name").GetString());
                break;
            }
            Assert.True(DateTime.UtcNow - registered < TimeSpan.FromSeconds(2), "node B's search did not find the product within 2 s");
            await Task.Delay(50);
        }
    }

    [DatabaseFact]
    public async Task Orders_placed_on_both_nodes_have_each_event_handled_once_while_both_dispatch()
    {
        var product = await NewProductAsync(A, stock: 20, price: 10m);
        var since = await LastEventIdAsync();
        var orders = new List<(WebAppFixture Node, HttpClient Client, string Number)>();
        foreach (var node in new[] { A, B, A, B, A, B })
        {
            var guest = Guest(node);
            await JsonAsync(await AddToCartAsync(guest, product.VariantId, 2), HttpStatusCode.OK);
            var placed = await JsonAsync(await CheckoutAsync(guest, new { email = $"twonode-{Guid.NewGuid():N}@test.local", shipTo = UsAddress, payment = Card() }), HttpStatusCode.Created);
            orders.Add((node, guest, placed.GetProperty("number").GetString()!));
        }

        foreach (var order in orders) await WaitForStatusAsync(order.Client, order.Number, "Paid");
        await WaitUntilDispatchedAsync(since);

        // Stock moved once per order: 6 × 2 sold from 20, nothing left reserved.
        Assert.Equal((8, 0), await StockAsync(A, product.VariantId));
        await using var db = ProductApi.Db(A);
        var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Id > since).ToListAsync();
        Assert.All(events, e => Assert.Equal((OutboxStatus.Done, 1), (e.Status, e.Attempts)));
        Assert.True(events.Select(e => e.LockedBy).Distinct().Count() >= 2, "only one node dispatched: " + string.Join(", ", events.Select(e => e.LockedBy).Distinct()));
        // Each order's two mails (the shopper's receipt, the merchant's new order), each written once by ONE of the nodes.
        var mails = nodes.Both.SelectMany(MailsOf).ToList();
        foreach (var order in orders)
            Assert.Equal(2, mails.Count(text => text.Contains($"order {order.Number}", StringComparison.OrdinalIgnoreCase)));
    }

    [DatabaseFact]
    public async Task Stock_reservations_hold_across_nodes()
    {
        var product = await NewProductAsync(A, stock: 3);
        var statuses = await RushAsync(product.VariantId, buyers: 12);

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        var (onHand, reserved) = await StockAsync(B, product.VariantId);
        // Every unit is either still held for a placed order or already sold (paid), none oversold: free stock is 0, not below.
        Assert.Equal(0, onHand - reserved);
        Assert.True(reserved >= 0, $"reserved {reserved}");
    }

    [DatabaseFact]
    public async Task A_flash_sale_rush_split_across_both_nodes_sells_exactly_the_cap()
    {
        var product = await NewProductAsync(A, stock: 50, price: 40m);
        var now = DateTime.UtcNow;
        await A.Services.GetRequiredService<FlashSales>().ScheduleAsync(await ProductApi.MainShopIdAsync(A), product.ProductId,
            new FlashSaleInput(null, 20m, now.AddMinutes(-1), now.AddHours(1), QuantityCap: 5, PerCustomerLimit: 1));

        var statuses = await RushAsync(product.VariantId, buyers: 16);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.Conflict));
        await using var db = ProductApi.Db(B);
        Assert.Equal(5, (await db.FlashSales.AsNoTracking().SingleAsync(f => f.ProductId == product.ProductId)).SoldCount);
    }

    /// <summary>Guests with one unit each in their carts check out at the same moment, half on each node.</summary>
    private async Task<HttpStatusCode[]> RushAsync(int variantId, int buyers)
    {
        var guests = new List<HttpClient>();
        for (var i = 0; i < buyers; i++)
        {
            var guest = Guest(i % 2 == 0 ? A : B);
            await JsonAsync(await AddToCartAsync(guest, variantId, 1), HttpStatusCode.OK);
            guests.Add(guest);
        }
        using var start = new SemaphoreSlim(0);
        var rush = guests.Select(async guest =>
        {
            await start.WaitAsync();
            var response = await CheckoutAsync(guest, new { email = $"rush-{Guid.NewGuid():N}@test.local", shipTo = UsAddress, payment = Card() });
            return response.StatusCode;
        }).ToList();
        start.Release(buyers);
        var statuses = await Task.WhenAll(rush);
        Assert.True(statuses.All(s => s is HttpStatusCode.Created or HttpStatusCode.Conflict), string.Join(", ", statuses));
        return statuses;
    }

    private async Task<long> LastEventIdAsync()
    {
        await using var db = ProductApi.Db(A);
        return await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    private async Task WaitUntilDispatchedAsync(long since)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await using var db = ProductApi.Db(A);
        while (await db.OutboxMessages.AnyAsync(m => m.Id > since && m.Status != OutboxStatus.Done))
        {
            Assert.True(DateTime.UtcNow < deadline, "events still not handled after 20 s");
            await Task.Delay(100);
        }
    }

    private static IEnumerable<string> MailsOf(WebAppFixture node)
    {
        var folder = ((PickupFolderEmailSender)node.Services.GetRequiredService<IEmailSender>()).Folder;
        // Quoted-printable soft line breaks could split the text the test looks for.
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.eml").Select(f => File.ReadAllText(f).Replace("=\r\n", "").Replace("\r\n ", " "))
            : [];
    }

    private static async Task SignInWithCookieAsync(HttpClient client)
    {
        var login = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = "shopper@demo.local", password = "Demo123!" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    private static string HiddenValue(string html, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, $"no {name} in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

[RequiresPostgres]
public sealed class PostgresTwoNodeTests(PostgresTwoNodes nodes) : TwoNodeTests<PostgresTwoNodes>(nodes);

[RequiresSqlServer]
public sealed class SqlServerTwoNodeTests(SqlServerTwoNodes nodes) : TwoNodeTests<SqlServerTwoNodes>(nodes);
