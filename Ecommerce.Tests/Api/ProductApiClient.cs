using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Api;

/// <summary>Helpers for the product API tests: keys for demo shops, clients that send them, and the database.</summary>
internal static class ProductApi
{
    /// <summary>A shop of the demo merchant (not the main one, whose key is the demo key) and one of merchant2.</summary>
    public const string ShopA = "northwind-home";
    public const string ShopB = "voltage-electronics";

    public static object SeedPayload(string name = "KUHL Laptop") =>
        new { name, description = "A **fast** laptop.", price_usd = 200, remaining_supply = 30 };

    public static async Task<(int ShopId, string Secret)> KeyForAsync(WebAppFixture app, string shopSlug)
    {
        await using var db = Db(app);
        var shop = await db.Shops.Where(s => s.Slug == shopSlug).Select(s => new { s.Id, s.Merchant!.UserId }).SingleAsync();
        var key = await app.Services.GetRequiredService<ApiKeys>().CreateAsync(shop.UserId, shop.Id, "tests " + Guid.NewGuid().ToString("N")[..6]);
        return (shop.Id, key.Secret);
    }

    public static async Task<int> MainShopIdAsync(WebAppFixture app)
    {
        await using var db = Db(app);
        return await db.Shops.Where(s => s.Slug == DemoSeeder.MainShopSlug).Select(s => s.Id).SingleAsync();
    }

    public static HttpClient Client(WebAppFixture app, string? key)
    {
        var client = app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static AppDbContext Db(WebAppFixture app) => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> CreateAsync(HttpClient client, object? payload = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/products", payload ?? SeedPayload("Test product " + Guid.NewGuid().ToString("N")[..6]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body;
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json", $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<List<string>> EventTypesAsync(WebAppFixture app, int productId)
    {
        await using var db = Db(app);
        var all = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.StartsWith("product.") || m.Type == EventTypes.StockChanged).ToListAsync();
        return all.Where(m => m.Payload.Contains($"\"productId\":{productId},")).OrderBy(m => m.Id).Select(m => m.Type).ToList();
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? json = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Json(json) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }
}
