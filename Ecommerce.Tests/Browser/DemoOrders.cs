using Ecommerce.Core.Carts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Browser;

/// <summary>Orders the browser tests need to exist before the shopper looks at them.</summary>
internal static class DemoOrders
{
    /// <summary>A paid order of the demo shopper for one unit of an in-stock product of the main demo shop (Sandbox card).</summary>
    public static async Task<(int ShopId, int ShopOrderId, string Number)> PaidOrderOfTheDemoShopperAsync(WebAppFixture app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var variant = await db.ProductVariants.AsNoTracking()
            .Where(v => v.Product!.Shop!.Slug == DemoSeeder.MainShopSlug && v.Product.Status == ProductStatus.Active && v.Stock!.OnHand - v.Stock.Reserved >= 5)
            .OrderByDescending(v => v.Id).Select(v => v.Id).FirstAsync();
        var userId = await app.UserIdAsync(DemoSeeder.ShopperEmail);
        var placed = await app.Services.GetRequiredService<CheckoutService>().PlaceOrderAsync(
            new Buyer(userId, DemoSeeder.ShopperEmail, ShopperKey.ForUser(userId)),
            new PlaceOrderRequest([new LineRequest(variant, 1)],
                new PostalAddress { Name = "Sam Shopper", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" },
                new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard, 12, 2040, "123"), Guid.NewGuid().ToString()));
        Assert.True(placed.Accepted, placed.PaymentProblem);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); await db.Orders.Where(o => o.Id == placed.OrderId).Select(o => o.Status).SingleAsync() != OrderStatus.Paid; await Task.Delay(200))
            Assert.True(DateTime.UtcNow < deadline, "the order was not paid in time");
        var shopOrder = await db.ShopOrders.AsNoTracking().Where(s => s.OrderId == placed.OrderId).Select(s => new { s.Id, s.ShopId }).SingleAsync();
        return (shopOrder.ShopId, shopOrder.Id, placed.Number);
    }
}
