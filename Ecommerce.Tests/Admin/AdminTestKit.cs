using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>What the admin HTTP and browser tests share: signed-in clients, a fresh shop of their own, search polling.</summary>
internal static class AdminTestKit
{
    public const string Password = "Admin-Kit-123!";

    public static async Task<HttpClient> BearerClientAsync(WebAppFixture app, string email, string password)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers a new shopper through the API; returns their email.</summary>
    public static async Task<string> RegisterAsync(WebAppFixture app)
    {
        var email = $"gov-{Guid.NewGuid():N}@test.local";
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password })).StatusCode);
        return email;
    }

    /// <summary>A shop of the test's own (so suspending it disturbs no other test) with one product named after a unique word.</summary>
    public static async Task<(int ShopId, string ShopName, int ProductId, string Word)> ShopWithProductAsync(WebAppFixture app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        int shopId; string shopName, category;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var (shop, cat) = await TestData.ShopWithCategoryAsync(db, "gov-" + Guid.NewGuid().ToString("N")[..8]);
            (shopId, shopName, category) = (shop.Id, shop.Name, cat.Slug);
        }
        var word = "gov" + Guid.NewGuid().ToString("N")[..8];
        var product = await app.Services.GetRequiredService<ProductCommands>().CreateAsync(shopId, new ProductInput
        {
            Name = $"{word} lantern", Category = category, Variants = [new VariantInput { Price = 20m, Stock = 10 }],
        });
        return (shopId, shopName, product.Id, word);
    }

    /// <summary>Waits until GET /api/v1/search?q=word finds <paramref name="expected"/> products (the index is fed asynchronously).</summary>
    public static async Task WaitForSearchTotalAsync(WebAppFixture app, string word, int expected)
    {
        using var client = app.CreateClient();
        var total = -1;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            total = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}")).GetProperty("total").GetInt32();
            if (total == expected) return;
        }
        Assert.Fail($"Search for {word} found {total} products, not {expected}, after 20 s.");
    }

    public static StringContent Json(object body) => JsonContent(JsonSerializer.Serialize(body));

    public static StringContent JsonContent(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    /// <summary>A DELETE as the site's cookie must send it (Api/CookieWrites): typed application/json, with no body.</summary>
    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string path) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent("") });
}
