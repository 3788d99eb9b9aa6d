using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// An idempotency key stands for one request (CheckoutFingerprint, stored with the order on each provider): the same
/// request again is the same order, whatever the spacing, line order or card; another request with the key is refused
/// and changes nothing.
/// </summary>
public abstract class IdempotentRequestTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);

    [Fact]
    public async Task The_same_request_again_is_the_same_order_and_another_request_with_the_key_is_refused()
    {
        var shop = await _world.ShopAsync("idem");
        var a = await _world.ProductAsync(shop, 10m, 20);
        var b = await _world.ProductAsync(shop, 12m, 20);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();

        var first = await _world.Checkout.PlaceOrderAsync(buyer, CheckoutWorld.Request(CheckoutWorld.Lines((a, 1), (b, 2)), key: key));
        Assert.True(first.Created && first.Accepted, first.PaymentProblem);

        // The same request, written differently (line order, spacing and case of the address, another card): the same order.
        var address = CheckoutWorld.Address();
        address.City = "  " + address.City + " ";
        address.PostalCode = address.PostalCode + " ";
        address.Country = address.Country.ToLowerInvariant();
        var same = await _world.Checkout.PlaceOrderAsync(buyer,
            CheckoutWorld.Request(CheckoutWorld.Lines((b, 2), (a, 1)), card: CheckoutWorld.DeclinedCard, key: key, shipTo: address));
        Assert.Equal((first.OrderId, false), (same.OrderId, same.Created));

        // Another request with the key: other quantities, another line, another address, a coupon.
        var others = new[]
        {
            CheckoutWorld.Request(CheckoutWorld.Lines((a, 2), (b, 2)), key: key),
            CheckoutWorld.Request(CheckoutWorld.Lines((a, 1)), key: key),
            CheckoutWorld.Request(CheckoutWorld.Lines((a, 1), (b, 2)), key: key, shipTo: CheckoutWorld.Address(postalCode: "97202")),
            CheckoutWorld.Request(CheckoutWorld.Lines((a, 1), (b, 2)), key: key, coupon: "SAVE10"),
        };
        foreach (var other in others)
        {
            var refused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _world.Checkout.PlaceOrderAsync(buyer, other));
            Assert.Contains(first.Number, refused.Message);
        }

        await using var db = _world.Db();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.IdempotencyKey == key);
        Assert.Matches("^[0-9a-f]{64}$", order.RequestHash);
        Assert.Equal(1, await db.Payments.CountAsync(p => p.OrderId == first.OrderId));
        var (onHandA, reservedA) = await _world.StockAsync(a.VariantId);
        var (onHandB, reservedB) = await _world.StockAsync(b.VariantId);
        Assert.Equal((19, 18), (onHandA - reservedA, onHandB - reservedB)); // one order's units, never a second's
    }

    [Fact]
    public async Task An_order_from_before_requests_were_hashed_answers_its_key_as_before()
    {
        var item = await _world.ProductAsync(await _world.ShopAsync("idem-old"), 10m, 5);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();
        var first = await _world.PlaceAsync(buyer, item, key: key);
        await using (var db = _world.Db())
            await db.Orders.Where(o => o.Id == first.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.RequestHash, (string?)null));

        var again = await _world.PlaceAsync(buyer, item, quantity: 2, key: key);
        Assert.Equal((first.OrderId, false), (again.OrderId, again.Created));
    }
}

public sealed class SqliteIdempotentRequestTests(CheckoutSqliteDatabase database) : IdempotentRequestTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresIdempotentRequestTests(CheckoutPostgresDatabase database) : IdempotentRequestTests<CheckoutPostgresDatabase>(database);
