using Bunit;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Web.Components.Storefront.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// The order page's live island over a real database: it finds the order only the way the page does (the signed-in
/// owner, or the guest token of the browser that placed it), follows it while it moves and stops once it is final.
/// </summary>
public sealed class LiveOrderTimelineTests : BunitContext, IClassFixture<SqliteTestDatabase>
{
    private readonly SqliteTestDatabase database;

    public LiveOrderTimelineTests(SqliteTestDatabase database)
    {
        this.database = database;
        Services.AddSingleton(database.Services.GetRequiredService<ShopperOrders>());
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
    }

    /// <summary>Rendered as in a circuit (after the test's services are set: this reads the provider).</summary>
    private void Interactive() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public async Task A_guest_island_follows_its_order_until_delivered_and_a_stranger_sees_nothing()
    {
        AddAuthorization(); // anonymous
        Interactive();
        var paid = await PaidOrders.PlaceAsync(database, 1);
        var token = Guid.ParseExact(paid.Guest.Value["guest:".Length..], "N");

        Assert.Empty(Render<LiveOrderTimeline>(p => p.Add(c => c.Number, paid.Order.Number).Add(c => c.GuestToken, Guid.NewGuid())).Markup.Trim());
        Assert.Empty(Render<LiveOrderTimeline>(p => p.Add(c => c.Number, paid.Order.Number)).Markup.Trim());

        var cut = Render<LiveOrderTimeline>(p => p.Add(c => c.Number, paid.Order.Number).Add(c => c.GuestToken, token));
        Assert.Equal("Paid", cut.Find("#order-status").TextContent);
        Assert.Equal("on", cut.Find(".live-timeline").GetAttribute("data-live"));

        var orders = database.Services.GetRequiredService<MerchantOrders>();
        await orders.MarkShippedAsync(paid.ShopId, paid.ShopOrderId, "UPS", "1ZLIVE", "merchant@test.local");
        cut.WaitForAssertion(() => Assert.Equal("Shipped", cut.Find("#order-status").TextContent), TimeSpan.FromSeconds(15));
        Assert.Contains("Shipped with UPS, tracking 1ZLIVE", cut.Find("#order-timeline").TextContent);

        await orders.MarkDeliveredAsync(paid.ShopId, paid.ShopOrderId, "merchant@test.local");
        cut.WaitForAssertion(() => Assert.Equal("Delivered", cut.Find("#order-status").TextContent), TimeSpan.FromSeconds(15));
        Assert.Equal("off", cut.Find(".live-timeline").GetAttribute("data-live"));
    }

    [Fact]
    public async Task A_signed_in_shopper_who_does_not_own_the_order_sees_nothing()
    {
        AddAuthorization().SetAuthorized("stranger@test.local").SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "stranger-id"));
        Interactive();
        var paid = await PaidOrders.PlaceAsync(database, 1);
        Assert.Empty(Render<LiveOrderTimeline>(p => p.Add(c => c.Number, paid.Order.Number)).Markup.Trim());
    }
}
