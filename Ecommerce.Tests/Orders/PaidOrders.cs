using Ecommerce.Core.Carts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Shipping;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>A paid order of one fresh shop (and a second shop that has nothing to do with it), placed through checkout.</summary>
public sealed record PaidOrder(int ShopId, int OtherShopId, int ShopOrderId, IReadOnlyList<int> VariantIds, IReadOnlyList<int> LineIds, CheckoutResult Order, ShopperKey Guest);

public static class PaidOrders
{
    /// <summary>Places and pays an order of one shop with one line per quantity given (each product $30, 10 in stock; $5 shipping).</summary>
    public static async Task<PaidOrder> PlaceAsync(TestDatabase database, params int[] quantities)
    {
        if (quantities.Length == 0) quantities = [2];
        int shopId, otherShopId;
        var variants = new List<int>();
        await using (var db = database.NewContext())
        {
            var (shop, category) = await TestData.ShopWithCategoryAsync(db, "ful-" + Guid.NewGuid().ToString("N")[..6]);
            var (other, _) = await TestData.ShopWithCategoryAsync(db, "fuo-" + Guid.NewGuid().ToString("N")[..6]);
            db.ShippingZones.Add(new ShippingZone { ShopId = shop.Id, Name = "US", Countries = ["US"], Rate = 5m, MinDays = 2, MaxDays = 4 });
            var products = quantities.Select((_, i) => TestData.Product(shop, category, $"Trail lamp {i + 1}", 30m, 10)).ToList();
            db.Products.AddRange(products);
            await db.SaveChangesAsync();
            (shopId, otherShopId) = (shop.Id, other.Id);
            variants.AddRange(products.Select(p => p.Variants[0].Id));
        }
        var guest = ShopperKey.ForGuest(Guid.NewGuid());
        var result = await database.Services.GetRequiredService<CheckoutService>().PlaceOrderAsync(
            new Buyer(null, $"buyer-{Guid.NewGuid():N}@test.local", guest),
            new PlaceOrderRequest(variants.Select((v, i) => new LineRequest(v, quantities[i])).ToList(),
                new PostalAddress { Name = "Ada Buyer", Line1 = "1 Main St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" },
                new PaymentMethodDetails(SandboxPaymentGateway.SucceedsCard, 12, 2040, "123"), Guid.NewGuid().ToString()));
        if (!result.Accepted) throw new InvalidOperationException(result.PaymentProblem);
        await WaitForAsync(database, result.OrderId, OrderStatus.Paid);
        await using var check = database.NewContext();
        var shopOrderId = await check.ShopOrders.Where(s => s.OrderId == result.OrderId).Select(s => s.Id).SingleAsync();
        var lineIds = await check.OrderLines.Where(l => l.ShopOrderId == shopOrderId).OrderBy(l => l.VariantId).Select(l => l.Id).ToListAsync();
        return new PaidOrder(shopId, otherShopId, shopOrderId, variants, lineIds, result, guest);
    }

    /// <summary>A delivered order of 3 lamps ($30 each, 10 on hand before) made a signed-in user's, with a return of 2 requested.</summary>
    public static async Task<(PaidOrder Paid, ReturnRequest Request)> DeliveredWithReturnAsync(TestDatabase database)
    {
        var paid = await PlaceAsync(database, 3);
        var userId = "user-" + Guid.NewGuid().ToString("N");
        await using (var db = database.NewContext())
            await db.Orders.Where(o => o.Id == paid.Order.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId));
        var orders = database.Services.GetRequiredService<MerchantOrders>();
        await orders.MarkShippedAsync(paid.ShopId, paid.ShopOrderId, "UPS", "1Z", "m");
        await orders.MarkDeliveredAsync(paid.ShopId, paid.ShopOrderId, "m");
        var request = await database.Services.GetRequiredService<Returns>().RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[0], 2)], "Too dim");
        return (paid, request);
    }

    /// <summary>The Sandbox confirms a moment later; the dispatcher applies the notice. Polls with a deadline.</summary>
    public static async Task WaitForAsync(TestDatabase database, int orderId, OrderStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await database.Dispatcher.DrainAsync();
            await using var db = database.NewContext();
            var current = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
            if (current == status) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Order {orderId} is {current}, expected {status}");
            await Task.Delay(100);
        }
    }
}
