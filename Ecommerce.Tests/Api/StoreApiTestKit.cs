using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Api;

/// <summary>
/// What the store API tests do over and over: fresh products with a known stock in the main demo shop (through
/// the merchant API), fresh shoppers (bearer, cookie or a guest cart token), checkouts, and waiting for the
/// payment pipeline.
/// </summary>
internal static class StoreApi
{
    public const string MainShopName = "Northwind Outfitters";
    public const string GoodCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";

    /// <summary>A US address the main demo shop delivers to (its Bay Area zones cover 94…).</summary>
    public static object UsAddress => new { name = "Ada Shopper", line1 = "1 Market St", city = "San Francisco", region = "CA", postalCode = "94105", country = "US" };

    /// <summary>A UK address: the main demo shop ships only to the US and Canada.</summary>
    public static object UkAddress => new { name = "Ada Shopper", line1 = "10 Downing St", city = "London", postalCode = "SW1A 2AA", country = "GB" };

    public static object Card(string number = GoodCard) => new { cardNumber = number, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" };

    public sealed record TestProduct(int ProductId, int VariantId, string Name, decimal Price);

    /// <summary>A new active product with one variant, <paramref name="stock"/> units and a price, in the main demo shop.</summary>
    public static async Task<TestProduct> NewProductAsync(WebAppFixture app, int stock, decimal price = 20m)
    {
        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var name = "Store API item " + Guid.NewGuid().ToString("N")[..8];
        var product = await ProductApi.CreateAsync(merchant, new { name, description = "For the store API tests.", price_usd = price, remaining_supply = stock });
        return new TestProduct(product.GetProperty("id").GetInt32(), product.GetProperty("variants")[0].GetProperty("id").GetInt32(), name, price);
    }

    /// <summary>A newly registered shopper signed in with a bearer token (each test its own: own cart, orders and rate-limit partition).</summary>
    public static async Task<(HttpClient Client, string Email)> NewBearerShopperAsync(WebAppFixture app)
    {
        var email = await RegisterAsync(app);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, email);
    }

    /// <summary>A newly registered shopper signed in with the site cookie.</summary>
    public static async Task<(HttpClient Client, string Email)> NewCookieShopperAsync(WebAppFixture app)
    {
        var email = await RegisterAsync(app);
        return (await app.SignedInClientAsync(email, Password), email);
    }

    /// <summary>A guest's app: no account, a cart token of its own.</summary>
    public static HttpClient Guest(WebAppFixture app, Guid? token = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Cart-Token", (token ?? Guid.NewGuid()).ToString());
        return client;
    }

    public static Task<HttpResponseMessage> AddToCartAsync(HttpClient client, int variantId, int quantity) =>
        client.PostAsJsonAsync("/api/v1/cart/lines", new { variantId, quantity });

    public static async Task<HttpResponseMessage> CheckoutAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the order until it has <paramref name="status"/> (the Sandbox confirms through the outbox a moment after checkout).</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string number, string status, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var order = await JsonAsync(await client.GetAsync($"/api/v1/orders/{number}"), HttpStatusCode.OK);
            if (order.GetProperty("status").GetString() == status) return order;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Order {number} is {order.GetProperty("status")}, not {status}, after {seconds} s: {order}");
            await Task.Delay(100);
        }
    }

    public static async Task<(int OnHand, int Reserved)> StockAsync(WebAppFixture app, int variantId)
    {
        await using var db = ProductApi.Db(app);
        var stock = await db.StockItems.AsNoTracking().SingleAsync(s => s.VariantId == variantId);
        return (stock.OnHand, stock.Reserved);
    }

    public static IDbContextFactory<AppDbContext> Contexts(WebAppFixture app) => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private const string Password = "Store-Test-123!";

    private static async Task<string> RegisterAsync(WebAppFixture app)
    {
        using var client = app.CreateClient();
        var email = $"store-{Guid.NewGuid():N}@test.local";
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        return email;
    }
}
