using Ecommerce.Core.Accounts;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// A shopper's way from product page to order confirmation in Debian's chromium, against the real app and the demo
/// catalogue. Northwind Outfitters and Voltage Electronics both deliver to San Francisco (94107), see DemoShops.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CheckoutBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    private const string Outfitters = "northwind-outfitters";
    private const string Electronics = "voltage-electronics";

    [Fact]
    public async Task A_shopper_buys_from_two_shops_with_the_test_card_and_sees_the_order_paid()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await RegisterAsync(page);
        var first = await AddFromShopAsync(page, Outfitters);
        var second = await AddFromShopAsync(page, Electronics);
        await Assertions.Expect(page.Locator(".cart-count")).ToHaveTextAsync("2");

        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator(".cart-shop")).ToHaveCountAsync(2);
        await page.ClickAsync("#proceed-to-checkout");
        await page.WaitForURLAsync("**/checkout");
        await FillAddressAsync(page);
        await page.ClickAsync("#update-address");
        // The server's figures for this address: both shops deliver, each with its shipping options.
        await Assertions.Expect(page.Locator(".checkout-shop .shipping-option")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#checkout-problems")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#ship-name")).ToHaveValueAsync("Ada Lovelace");

        await FillCardAsync(page, "4242 4242 4242 4242");
        await page.ClickAsync("#place-order");
        await page.WaitForURLAsync("**/orders/*/confirmation");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Thank you");
        await Assertions.Expect(page.Locator(".confirmation-shop")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(first);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(second);
        // "Payment confirming…" until the Sandbox's confirmation has gone through the outbox; the page reloads itself.
        await Assertions.Expect(page.Locator("#order-status")).ToHaveTextAsync("Paid", new() { Timeout = 30_000 });

        // The cart is empty now, and the address went into the address book as the default "Deliver to".
        await Assertions.Expect(page.Locator(".cart-count")).ToHaveTextAsync("0");
        await page.GotoAsync("/account/addresses");
        await Assertions.Expect(page.Locator(".address-card.is-default")).ToContainTextAsync("1 Market St");
        await Assertions.Expect(page.Locator(".deliver-to-value")).ToContainTextAsync("94107");
    }

    [Fact]
    public async Task A_declined_card_is_explained_on_the_checkout_page_and_the_cart_keeps_its_items()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var product = await AddFromShopAsync(page, Electronics); // as a guest
        await page.GotoAsync("/checkout");
        await page.FillAsync("#email", "guest-buyer@test.local");
        await FillAddressAsync(page);
        await FillCardAsync(page, "4000 0000 0000 0002");
        await page.ClickAsync("#place-order");

        await Assertions.Expect(page.Locator("#checkout-error")).ToHaveTextAsync("Your card was declined.");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout$"));
        // What the shopper typed is still there, except the card.
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync("guest-buyer@test.local");
        await Assertions.Expect(page.Locator("#ship-line1")).ToHaveValueAsync("1 Market St");
        await Assertions.Expect(page.Locator("#card-number")).ToHaveValueAsync("");

        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator(".cart-line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cart-line")).ToContainTextAsync(product);

        // Another card then pays for the same cart.
        await page.ClickAsync("#proceed-to-checkout");
        await page.FillAsync("#email", "guest-buyer@test.local");
        await FillAddressAsync(page);
        await FillCardAsync(page, "4242 4242 4242 4242");
        await page.ClickAsync("#place-order");
        await page.WaitForURLAsync("**/orders/*/confirmation");
        await Assertions.Expect(page.Locator("#order-status")).ToHaveTextAsync("Paid", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_guests_cart_and_saved_items_survive_logging_in()
    {
        var email = $"returning-{Guid.NewGuid():N}@test.local";
        const string password = "Return-Test-123!";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true }, password)).Succeeded);
        }

        var page = await browser.NewPageAsync(app.BaseAddress);
        var product = await AddFromShopAsync(page, Outfitters);
        await page.ClickAsync("#wishlist-toggle");
        await Assertions.Expect(page.Locator("#wishlist-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".cart-count")).ToHaveTextAsync("1");

        await BrowserSession.LogInAsync(page, email, password);
        await Assertions.Expect(page.Locator(".account-nav")).ToContainTextAsync(email);
        await Assertions.Expect(page.Locator(".cart-count")).ToHaveTextAsync("1");
        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator(".cart-line")).ToContainTextAsync(product);
        await page.GotoAsync("/wishlist");
        await Assertions.Expect(page.Locator(".product-card")).ToContainTextAsync(product);
        // The guest token is gone: the lists are the user's now, whoever uses this browser next.
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "cart_token");
    }

    /// <summary>Opens the shop's first product in stock and adds the option the page shows; returns the product's name.</summary>
    private static async Task<string> AddFromShopAsync(IPage page, string shopSlug)
    {
        await page.GotoAsync($"/s/{shopSlug}");
        var card = page.Locator("#shop-products-heading ~ .product-grid .product-card", new() { HasNot = page.Locator(".sold-out") }).First;
        await card.Locator("a.product-card-link").ClickAsync();
        await page.WaitForURLAsync("**/p/**");
        // Enhanced navigation may change the address before the page: wait for the product page's own button.
        await page.Locator(".buy-box #add-to-cart").WaitForAsync();
        var name = (await page.Locator(".buy-box h1").InnerTextAsync()).Trim();
        await page.ClickAsync("#add-to-cart");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Added to your cart");
        return name;
    }

    private static async Task RegisterAsync(IPage page)
    {
        var email = $"buyer-{Guid.NewGuid():N}@test.local";
        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "Buyer-Test-123!");
        await page.FillAsync("#Input_ConfirmPassword", "Buyer-Test-123!");
        await page.ClickAsync("#registerSubmit");
        await page.WaitForURLAsync(url => !url.Contains("/Register"));
    }

    private static async Task FillAddressAsync(IPage page)
    {
        await page.FillAsync("#ship-name", "Ada Lovelace");
        await page.FillAsync("#ship-line1", "1 Market St");
        await page.FillAsync("#ship-city", "San Francisco");
        await page.FillAsync("#ship-region", "CA");
        await page.FillAsync("#ship-postal", "94107");
        await page.SelectOptionAsync("#ship-country", "US");
    }

    private static async Task FillCardAsync(IPage page, string number)
    {
        await page.FillAsync("#card-number", number);
        await page.FillAsync("#card-expiry", $"12/{(DateTime.UtcNow.Year + 3) % 100:00}");
        await page.FillAsync("#card-cvc", "123");
    }
}
