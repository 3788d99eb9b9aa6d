using System.Net;
using System.Text.RegularExpressions;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Cart;

/// <summary>The shopper pages' forms and the order confirmation over real HTTP: antiforgery, redirects, ownership.</summary>
[Collection(WebCollection.Name)]
public sealed partial class ShopperPagesHttpTests(WebAppFixture app)
{
    [Fact]
    public async Task Cart_forms_need_the_antiforgery_token_and_only_send_the_browser_back_to_this_site()
    {
        var client = app.CreateClient();
        var variantId = await InStockVariantAsync("voltage-electronics");
        var token = await TokenAsync(client);

        var forged = await client.PostAsync("/cart/add", Form(("variantId", $"{variantId}"), ("returnUrl", "/")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(Cookies(forged), c => c.StartsWith("cart_token="));
        var forgedCheckout = await client.PostAsync("/checkout", Form(("_handler", "checkout"), ("Form.Action", "place")));
        Assert.Equal(HttpStatusCode.BadRequest, forgedCheckout.StatusCode);

        foreach (var (returnUrl, expected) in new[] { ("https://evil.example/", "/cart"), ("//evil.example", "/cart"), ("/\\evil.example", "/cart"), ("/search?q=tent", "/search?q=tent") })
        {
            var added = await client.PostAsync("/cart/add", Form(("__RequestVerificationToken", token), ("variantId", $"{variantId}"), ("quantity", "1"), ("returnUrl", returnUrl)));
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            Assert.Equal(expected, added.Headers.Location!.OriginalString);
        }

        var cart = await client.GetStringAsync("/cart");
        Assert.Contains($"data-variant=\"{variantId}\"", cart);
        Assert.Matches($"id=\"qty-{variantId}\"[^>]*value=\"4\"", cart); // four adds of one unit
        Assert.Contains("aria-hidden=\"true\">4</span>", cart); // the header's count

        // A refused change comes back as a notice, and changes nothing.
        var tooMany = await client.PostAsync("/cart/update", Form(("__RequestVerificationToken", token), ("variantId", $"{variantId}"), ("quantity", "500")));
        Assert.Equal("/cart", tooMany.Headers.Location!.OriginalString);
        var after = await client.GetStringAsync("/cart");
        Assert.Contains("must be between 0 and 99", after);
        Assert.Matches($"id=\"qty-{variantId}\"[^>]*value=\"4\"", after);
        Assert.DoesNotContain("must be between", await client.GetStringAsync("/cart")); // the notice shows once
    }

    [Fact]
    public async Task Wishlist_hearts_save_and_unsave_for_a_guest()
    {
        var client = app.CreateClient();
        var token = await TokenAsync(client);
        var productId = await ProductOfAsync(await InStockVariantAsync("northwind-outfitters"));

        await client.PostAsync("/wishlist/add", Form(("__RequestVerificationToken", token), ("productId", $"{productId}"), ("returnUrl", "/wishlist")));
        var saved = await client.GetStringAsync("/wishlist");
        Assert.Contains($"name=\"productId\" value=\"{productId}\"", saved);
        Assert.Contains("1 saved product", saved);

        await client.PostAsync("/wishlist/move-to-cart", Form(("__RequestVerificationToken", token), ("productId", $"{productId}")));
        Assert.Contains("Nothing saved yet", await client.GetStringAsync("/wishlist"));
        Assert.Contains("cart-line", await client.GetStringAsync("/cart"));
    }

    [Fact]
    public async Task Checkout_submitted_twice_places_one_order_and_both_answers_lead_to_it()
    {
        var client = app.CreateClient();
        var token = await TokenAsync(client);
        var variantId = await InStockVariantAsync("voltage-electronics");
        await client.PostAsync("/cart/add", Form(("__RequestVerificationToken", token), ("variantId", $"{variantId}"), ("quantity", "2")));

        var page = await client.GetStringAsync("/checkout");
        var key = HiddenValue(page, "Form.IdempotencyKey");
        Assert.Equal($"{variantId}:2", HiddenValue(page, "Form.Review"));
        (string, string)[] fields =
        [
            ("_handler", "checkout"), ("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value), ("Form.IdempotencyKey", key),
            ("Form.Review", $"{variantId}:2"), ("Form.Email", "twice@test.local"), ("Form.Address.Name", "Twice"), ("Form.Address.Line1", "1 Market St"),
            ("Form.Address.City", "San Francisco"), ("Form.Address.Region", "CA"), ("Form.Address.PostalCode", "94107"), ("Form.Address.Country", "US"),
            ("Form.CardNumber", "4242 4242 4242 4242"), ("Form.CardExpiry", $"12/{(DateTime.UtcNow.Year + 2) % 100:00}"), ("Form.CardCvc", "123"), ("Form.Action", "place"),
        ];

        var first = await client.PostAsync("/checkout", Form(fields));
        var second = await client.PostAsync("/checkout", Form(fields)); // the cart is already empty by now
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.EndsWith("/confirmation", first.Headers.Location!.AbsolutePath);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.IdempotencyKey == key));
        Assert.Contains("Your cart is empty", await client.GetStringAsync("/cart"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(first.Headers.Location)).StatusCode); // this browser may see it
    }

    [Fact]
    public async Task An_order_confirmation_opens_only_for_the_shopper_who_placed_it()
    {
        var checkout = app.Services.GetRequiredService<CheckoutService>();
        var shopperId = await app.UserIdAsync(DemoSeeder.ShopperEmail);
        var variantId = await InStockVariantAsync("voltage-electronics");
        var address = new PostalAddress { Name = "Sam Shopper", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" };
        var card = new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard, 12, DateTime.UtcNow.Year + 2, "123");

        var users = await checkout.PlaceOrderAsync(new Buyer(shopperId, DemoSeeder.ShopperEmail, null),
            new PlaceOrderRequest([new LineRequest(variantId, 1)], address, card, Guid.NewGuid().ToString()));
        var guests = await checkout.PlaceOrderAsync(new Buyer(null, "someone@test.local", ShopperKey.ForGuest(Guid.NewGuid())),
            new PlaceOrderRequest([new LineRequest(variantId, 1)], address, card, Guid.NewGuid().ToString()));

        var owner = await app.SignedInClientAsync(DemoSeeder.ShopperEmail, DemoSeeder.DemoPassword);
        var page = await owner.GetAsync($"/orders/{users.Number}/confirmation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(users.Number, await page.Content.ReadAsStringAsync());

        var merchant = await app.SignedInClientAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/orders/{users.Number}/confirmation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/orders/{users.Number}/confirmation")).StatusCode);
        // A guest's order needs the browser that placed it (its protected cookie): nobody else, signed in or not.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/orders/{guests.Number}/confirmation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/orders/{guests.Number}/confirmation")).StatusCode);
        var forgedCookie = app.CreateClient();
        forgedCookie.DefaultRequestHeaders.Add("Cookie", $"guest_orders={guests.Number}");
        Assert.Equal(HttpStatusCode.NotFound, (await forgedCookie.GetAsync($"/orders/{guests.Number}/confirmation")).StatusCode);
    }

    [Fact]
    public async Task The_address_book_page_adds_changes_and_deletes_only_the_signed_in_shoppers_addresses()
    {
        var (client, userId) = await NewShopperAsync();
        var (_, strangerId) = await NewShopperAsync();
        var book = app.Services.GetRequiredService<AddressBook>();
        var strangers = await book.AddAsync(strangerId, new PostalAddress { Name = "Stranger", Line1 = "9 Elm St", City = "Boston", Region = "MA", PostalCode = "02108", Country = "US" });

        async Task<HttpResponseMessage> PostAsync(string handler, params (string, string)[] fields)
        {
            var page = await client.GetStringAsync("/account/addresses");
            return await client.PostAsync("/account/addresses", Form([("_handler", handler), ("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value), .. fields]));
        }
        (string, string)[] Address(string name, string postalCode) =>
            [("Form.Address.Name", name), ("Form.Address.Line1", "1 Market St"), ("Form.Address.City", "San Francisco"), ("Form.Address.Region", "CA"), ("Form.Address.PostalCode", postalCode), ("Form.Address.Country", "US")];

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("address", Address("Home", "94107"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("address", Address("Work", "94105"))).StatusCode);
        var invalid = await PostAsync("address", Address("", "94105"));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode); // shown again with the problem under the field
        Assert.Contains("data-field=\"address.name\"", await invalid.Content.ReadAsStringAsync());

        var saved = await book.ListAsync(userId);
        Assert.Equal(["Home"], saved.Where(a => a.IsDefault).Select(a => a.Address.Name));
        var work = saved.Single(a => a.Address.Name == "Work").Id;
        await PostAsync("address-actions", ("Command", $"default:{work}"));
        Assert.Equal(work, (await book.DefaultAsync(userId))!.Id);
        Assert.Contains("94105, United States", await client.GetStringAsync("/")); // the default address is the header's "Deliver to"

        await PostAsync("address", [("Form.Id", $"{work}"), .. Address("Work, 2nd floor", "94105")]);
        Assert.Equal("Work, 2nd floor", (await book.GetAsync(userId, work)).Address.Name);

        // Someone else's address id changes nothing, whatever the form says.
        await PostAsync("address-actions", ("Command", $"delete:{strangers}"));
        await PostAsync("address-actions", ("Command", $"default:{strangers}"));
        await PostAsync("address", [("Form.Id", $"{strangers}"), .. Address("Hijacked", "94105")]);
        Assert.Equal("Stranger", (await book.GetAsync(strangerId, strangers)).Address.Name);
        Assert.Equal(2, (await book.ListAsync(userId)).Count);

        await PostAsync("address-actions", ("Command", $"delete:{work}"));
        Assert.Equal(["Home"], (await book.ListAsync(userId)).Where(a => a.IsDefault).Select(a => a.Address.Name));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClient().GetAsync("/account/addresses")).StatusCode); // to the login page
    }

    private async Task<(HttpClient Client, string UserId)> NewShopperAsync()
    {
        var email = $"book-{Guid.NewGuid():N}@test.local";
        const string password = "Book-Test-123!";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Ecommerce.Core.Accounts.AppUser>>();
            Assert.True((await users.CreateAsync(new Ecommerce.Core.Accounts.AppUser { UserName = email, Email = email, EmailConfirmed = true }, password)).Succeeded);
        }
        return (await app.SignedInClientAsync(email, password), await app.UserIdAsync(email));
    }

    private async Task<int> InStockVariantAsync(string shopSlug)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.ProductVariants.Where(v => v.Product!.Shop!.Slug == shopSlug && v.Product.Status == ProductStatus.Active
                && v.Stock!.OnHand - v.Stock.Reserved > 20 && v.Product.Variants.Count == 1)
            .OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
    }

    private async Task<int> ProductOfAsync(int variantId)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.ProductVariants.Where(v => v.Id == variantId).Select(v => v.ProductId).SingleAsync();
    }

    /// <summary>
    /// The antiforgery token the site gives this client (with its cookie, kept by the client). A visitor with no cookies
    /// yet gets the home page shared by every anonymous visitor, without a token (Hosting/StorefrontCache.cs); the
    /// log-in page is never shared, and a token is valid for any form of the site.
    /// </summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        foreach (var path in new[] { "/", "/Identity/Account/Login" })
            if (TokenPattern().Match(await client.GetStringAsync(path)).Groups[1].Value is { Length: > 0 } token) return token;
        throw new InvalidOperationException("No antiforgery token on the home or log-in page");
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")] private static partial Regex TokenPattern();
}
