using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Data;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// The order page offers "cancel" and "request a return" only on the signed-in shopper's own orders: an order this
/// browser placed as a guest is shown (its cookie) but its forms would only ever get "not found".
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class OrderPageOwnerHttpTests(WebAppFixture app)
{
    private const string CancelForm = "class=\"inline-form cancel-order\"";
    private const string ReturnForm = "class=\"return-form\"";

    [Fact]
    public async Task Cancel_and_return_forms_show_on_the_shoppers_own_order_but_not_on_one_they_placed_as_a_guest()
    {
        var client = app.CreateClient();
        var guestOrder = await PlaceAsGuestAsync(client);
        var (userId, email) = await NewShopperAsync(client);
        var ownOrder = await app.Services.GetRequiredService<CheckoutService>().PlaceOrderAsync(new Buyer(userId, email, null),
            new PlaceOrderRequest([new LineRequest(await InStockVariantAsync(), 1)],
                new PostalAddress { Name = "Own Order", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" },
                new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard, 12, DateTime.UtcNow.Year + 2, "123"), Guid.NewGuid().ToString()));
        await WaitForPaidAsync(guestOrder);
        await WaitForPaidAsync(ownOrder.Number);

        var guestPage = await PageAsync(client, guestOrder);
        Assert.Contains(guestOrder, guestPage);
        Assert.DoesNotContain(CancelForm, guestPage);
        Assert.Contains(CancelForm, await PageAsync(client, ownOrder.Number));

        await DeliverAsync(guestOrder);
        await DeliverAsync(ownOrder.Number);
        Assert.DoesNotContain(ReturnForm, await PageAsync(client, guestOrder));
        Assert.Contains(ReturnForm, await PageAsync(client, ownOrder.Number));
    }

    private static async Task<string> PageAsync(HttpClient client, string number)
    {
        var response = await client.GetAsync($"/orders/{number}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Checks out one unit as a guest through the checkout form; this client keeps the guest-orders cookie.</summary>
    private async Task<string> PlaceAsGuestAsync(HttpClient client)
    {
        var token = TokenPattern().Match(await client.GetStringAsync("/Identity/Account/Login")).Groups[1].Value;
        var variantId = await InStockVariantAsync();
        await client.PostAsync("/cart/add", Form(("__RequestVerificationToken", token), ("variantId", $"{variantId}"), ("quantity", "1")));
        var page = await client.GetStringAsync("/checkout");
        var placed = await client.PostAsync("/checkout", Form(
            ("_handler", "checkout"), ("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value), ("Form.IdempotencyKey", Hidden(page, "Form.IdempotencyKey")),
            ("Form.Review", Hidden(page, "Form.Review")), ("Form.Email", $"guest-{Guid.NewGuid():N}@test.local"), ("Form.Address.Name", "Guest Buyer"),
            ("Form.Address.Line1", "1 Market St"), ("Form.Address.City", "San Francisco"), ("Form.Address.Region", "CA"), ("Form.Address.PostalCode", "94107"),
            ("Form.Address.Country", "US"), ("Form.CardNumber", "4242 4242 4242 4242"), ("Form.CardExpiry", $"12/{(DateTime.UtcNow.Year + 2) % 100:00}"),
            ("Form.CardCvc", "123"), ("Form.Action", "place")));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        return placed.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries)[^2];
    }

    /// <summary>A new shopper account, signed in on <paramref name="client"/> (which still holds its guest cookie).</summary>
    private async Task<(string UserId, string Email)> NewShopperAsync(HttpClient client)
    {
        var email = $"owner-{Guid.NewGuid():N}@test.local";
        const string password = "Owner-Test-123!";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true }, password)).Succeeded);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password })).StatusCode);
        return (await app.UserIdAsync(email), email);
    }

    private async Task WaitForPaidAsync(string number)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = Db();
            var status = await db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync();
            if (status == OrderStatus.Paid) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Order {number} is {status}");
            await Task.Delay(100);
        }
    }

    private async Task DeliverAsync(string number)
    {
        int shopId, shopOrderId;
        await using (var db = Db())
            (shopId, shopOrderId) = await db.ShopOrders.Where(s => s.Order!.Number == number).Select(s => ValueTuple.Create(s.ShopId, s.Id)).SingleAsync();
        var orders = app.Services.GetRequiredService<MerchantOrders>();
        await orders.MarkShippedAsync(shopId, shopOrderId, "UPS", "1Z-OWNER", "merchant");
        await orders.MarkDeliveredAsync(shopId, shopOrderId, "merchant");
    }

    private async Task<int> InStockVariantAsync()
    {
        await using var db = Db();
        return await db.ProductVariants.Where(v => v.Product!.Shop!.Slug == "voltage-electronics" && v.Product.Status == ProductStatus.Active
                && v.Stock!.OnHand - v.Stock.Reserved > 20 && v.Product.Variants.Count == 1)
            .OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
    }

    private AppDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")] private static partial Regex TokenPattern();
}
