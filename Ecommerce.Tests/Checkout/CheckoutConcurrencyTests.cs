using System.Text;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// Rushes on one item, on each provider: stock, flash-sale caps, coupon limits and idempotency keys hold however
/// many checkouts race, and every loser gets a clear conflict.
/// </summary>
public abstract class CheckoutConcurrencyTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);

    [DatabaseFact]
    public async Task Sixty_buyers_rushing_twenty_units_get_exactly_twenty_orders_and_never_an_oversell()
    {
        var shop = await _world.ShopAsync("rush");
        var item = await _world.ProductAsync(shop, 19.99m, stock: 20);

        // Someone watching the stock row during the rush never sees it out of bounds.
        using var stop = new CancellationTokenSource();
        var seen = new List<(int OnHand, int Reserved)>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) { seen.Add(await _world.StockAsync(item.VariantId)); await Task.Delay(5); }
        });
        var attempts = await CheckoutWorld.RaceAsync(60, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));
        stop.Cancel();
        await watcher;

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.Equal(20, attempts.Count(a => a.Accepted));
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Contains("sold out", a.Error!.Message, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.True(s.OnHand == 20 && s.Reserved is >= 0 and <= 20, $"on hand {s.OnHand}, reserved {s.Reserved}"));
        Assert.Equal((20, 20), await _world.StockAsync(item.VariantId));

        // The Sandbox confirms each payment a moment later; the pipeline turns the holds into sales.
        var orderIds = attempts.Where(a => a.Accepted).Select(a => a.Result!.OrderId).ToArray();
        await _world.SettlePaidAsync(orderIds);
        Assert.Equal((0, 0), await _world.StockAsync(item.VariantId));
        await using var db = _world.Db();
        var sold = db.OrderLines.Where(l => l.VariantId == item.VariantId);
        Assert.Equal(20, await sold.CountAsync()); // the 40 refused checkouts left no order behind
        Assert.Equal(20, await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid && o.ShopOrders.Any(s => s.ShopId == shop.Id)));
        Assert.Equal(20, await db.StockReservations.CountAsync(r => r.VariantId == item.VariantId && r.Status == ReservationStatus.Committed));
        Assert.False(await db.StockReservations.AnyAsync(r => r.VariantId == item.VariantId && r.Status == ReservationStatus.Active));
    }

    [DatabaseFact]
    public async Task A_flash_sale_cap_below_the_stock_sells_exactly_the_cap_at_the_sale_price()
    {
        var shop = await _world.ShopAsync("flashcap");
        var item = await _world.ProductAsync(shop, 50m, stock: 40);
        var sale = await _world.FlashSaleAsync(shop, item, 25m, cap: 10);

        var attempts = await CheckoutWorld.RaceAsync(30, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        await using var db = _world.Db();
        var lines = await db.OrderLines.AsNoTracking().Where(l => l.VariantId == item.VariantId).ToListAsync();
        Assert.Equal(10, lines.Count(l => l.FlashSaleId == sale));
        Assert.All(lines, l => Assert.Equal(l.FlashSaleId == sale ? 25m : 50m, l.UnitPrice));
        Assert.Equal(10, await db.FlashSales.Where(f => f.Id == sale).Select(f => f.SoldCount).SingleAsync());
        // Those who lost the race for a sale unit were told so (and were not charged the sale price silently).
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Contains("flash-sale", a.Error!.Message));
        Assert.Equal(lines.Count, attempts.Count(a => a.Accepted));
        Assert.Equal((40, lines.Count), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task Mixed_carts_on_a_whole_product_flash_sale_never_deadlock()
    {
        var shop = await _world.ShopAsync("mixed");
        var sizes = await _world.SizedProductAsync(shop, 20m, 100, "S", "M", "L");
        var sale = await _world.FlashSaleAsync(shop, sizes[0], 15m, cap: 500, wholeProduct: true);
        // Each cart takes the sizes in a different order and some skip one, so rows are reached in every order.
        LineRequest[][] carts =
        [
            CheckoutWorld.Lines((sizes[0], 1), (sizes[1], 1), (sizes[2], 1)),
            CheckoutWorld.Lines((sizes[2], 1), (sizes[1], 1)),
            CheckoutWorld.Lines((sizes[1], 1)),
            CheckoutWorld.Lines((sizes[2], 1), (sizes[0], 1)),
        ];

        var attempts = await CheckoutWorld.RaceAsync(40, i => _world.Checkout.PlaceOrderAsync(CheckoutWorld.NewBuyer(), CheckoutWorld.Request(carts[i % carts.Length])));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.All(attempts, a => Assert.True(a.Accepted, a.Error?.Message));
        var units = 10 * (3 + 2 + 1 + 2);
        Assert.Equal(units, (await _world.FlashUseAsync(sale, "nobody")).Sold);
        var reserved = 0;
        foreach (var size in sizes) reserved += (await _world.StockAsync(size.VariantId)).Reserved;
        Assert.Equal(units, reserved);
    }

    [DatabaseFact]
    public async Task The_flash_sale_limit_per_customer_holds_in_parallel_and_does_not_stop_other_customers()
    {
        var shop = await _world.ShopAsync("flashlimit");
        var item = await _world.ProductAsync(shop, 40m, stock: 50);
        var sale = await _world.FlashSaleAsync(shop, item, 30m, perCustomer: 2);
        var greedy = CheckoutWorld.NewBuyer();

        var attempts = await CheckoutWorld.RaceAsync(8, _ => _world.PlaceAsync(greedy, item));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.Equal(2, attempts.Count(a => a.Accepted));
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Contains("per customer", a.Error!.Message));
        Assert.Equal((2, 2), await _world.FlashUseAsync(sale, greedy.CustomerKey));
        var tooMany = await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, quantity: 3));
        Assert.Contains("allows 2 per customer", tooMany.Message);

        var others = await CheckoutWorld.RaceAsync(5, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, quantity: 2));
        CheckoutWorld.OnlyAcceptedOrConflicts(others);
        Assert.Equal(5, others.Count(a => a.Accepted));
        Assert.Equal(12, (await _world.FlashUseAsync(sale, greedy.CustomerKey)).Sold);
        Assert.Equal((50, 12), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task A_coupons_total_usage_limit_holds_under_a_rush()
    {
        var shop = await _world.ShopAsync("couponrush");
        var item = await _world.ProductAsync(shop, 20m, stock: 100);
        var code = await _world.CouponAsync(shop, CouponKind.Percentage, 10m, usageLimit: 5);

        var attempts = await CheckoutWorld.RaceAsync(20, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, coupon: code));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.Equal(5, attempts.Count(a => a.Accepted));
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Contains(code, a.Error!.Message));
        Assert.All(attempts.Where(a => a.Accepted), a => Assert.Equal(20m - 2m + CheckoutWorld.UsShipping, a.Result!.Total));
        Assert.Equal(5, (await _world.CouponUseAsync(code, "nobody")).Used);
        Assert.Equal((100, 5), await _world.StockAsync(item.VariantId)); // the refused checkouts hold nothing
    }

    [DatabaseFact]
    public async Task A_coupons_limit_per_customer_holds_in_parallel_and_does_not_stop_other_customers()
    {
        var shop = await _world.ShopAsync("couponmine");
        var item = await _world.ProductAsync(shop, 30m, stock: 100);
        var code = await _world.CouponAsync(shop, CouponKind.Fixed, 5m, perCustomer: 1);
        var greedy = CheckoutWorld.NewBuyer();

        var attempts = await CheckoutWorld.RaceAsync(8, _ => _world.PlaceAsync(greedy, item, coupon: code));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.Equal(1, attempts.Count(a => a.Accepted));
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Contains($"{code} can be used 1 time per customer", a.Error!.Message));
        Assert.Equal((1, 1), await _world.CouponUseAsync(code, greedy.CustomerKey));
        var other = CheckoutWorld.NewBuyer();
        var result = await _world.PlaceAsync(other, item, coupon: code);
        Assert.True(result.Accepted);
        Assert.Equal(30m - 5m + CheckoutWorld.UsShipping, result.Total);
        Assert.Equal((2, 1), await _world.CouponUseAsync(code, other.CustomerKey));
    }

    [DatabaseFact]
    public async Task The_same_idempotency_key_sent_twenty_times_at_once_makes_one_order_and_one_payment()
    {
        var shop = await _world.ShopAsync("idem");
        var item = await _world.ProductAsync(shop, 12m, stock: 10);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();

        var attempts = await CheckoutWorld.RaceAsync(20, _ => _world.PlaceAsync(buyer, item, quantity: 2, key: key));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.All(attempts, a => Assert.Null(a.Error));
        var orderId = Assert.Single(attempts.Select(a => a.Result!.OrderId).Distinct());
        Assert.Equal(1, attempts.Count(a => a.Result!.Created));
        await using (var db = _world.Db())
        {
            Assert.Equal(1, await db.Orders.CountAsync(o => o.IdempotencyKey == key));
            Assert.Equal(1, await db.Payments.CountAsync(p => p.OrderId == orderId));
        }
        Assert.Equal((10, 2), await _world.StockAsync(item.VariantId));

        var thief = await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, key: key));
        Assert.Contains("idempotency key", thief.Message);

        await _world.SettlePaidAsync(orderId);
        var again = await _world.PlaceAsync(buyer, item, quantity: 2, key: key);
        Assert.Equal((orderId, false, OrderStatus.Paid), (again.OrderId, again.Created, again.Status));
        Assert.Equal((8, 0), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task Csv_imports_and_stock_received_during_a_rush_lose_no_sale()
    {
        var shop = await _world.ShopAsync("edits");
        var item = await _world.ProductAsync(shop, 10m, stock: 30);
        var (slug, sku, category) = await ProductKeysAsync(item);
        var csv = database.Services.GetRequiredService<ProductCsv>();
        var stock = database.Services.GetRequiredService<StockService>();

        // While buyers race, the merchant re-imports the product with new prices and the stock cells left blank, and
        // books goods received: neither may undo a sale made meanwhile.
        var received = 0;
        var imports = new List<CsvImportResult>();
        var merchant = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var row = $"product_slug,name,category,status,sku,price,stock\n{slug},Widget,{category},Active,{sku},{10 + i}.00,\n";
                imports.Add(await csv.ImportAsync(shop.Id, new MemoryStream(Encoding.UTF8.GetBytes(row))));
                await stock.AdjustAsync(shop.Id, item.VariantId, 2, "Goods received", shop.OwnerId);
                received += 2;
            }
        });
        var attempts = await CheckoutWorld.RaceAsync(50, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));
        await merchant;

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.All(imports, r => Assert.True(r.RowErrors.Count == 0 && r.Updated == 1, string.Join("; ", r.RowErrors.Select(e => e.Reason))));
        var sold = attempts.Count(a => a.Accepted);
        Assert.InRange(sold, 30, 40);
        await _world.SettlePaidAsync(attempts.Where(a => a.Accepted).Select(a => a.Result!.OrderId).ToArray());
        Assert.Equal((30 + received - sold, 0), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task Product_edits_saved_from_the_editor_during_a_rush_lose_no_sale()
    {
        var shop = await _world.ShopAsync("editor");
        var item = await _world.ProductAsync(shop, 10m, stock: 30);
        var commands = database.Services.GetRequiredService<ProductCommands>();
        // The editor's form as it was opened before the rush: its stock field still says 30 at every save.
        ProductInput opened;
        await using (var db = _world.Db())
        {
            var product = await db.Products.AsNoTracking().Include(p => p.Category).Include(p => p.Images).Include(p => p.Variants).ThenInclude(v => v.Stock)
                .SingleAsync(p => p.Variants.Any(v => v.Id == item.VariantId));
            opened = ProductInput.From(product);
        }

        // Four rounds: buyers race while the merchant saves, then the round's orders are paid (their units leave the
        // on-hand count), so every save after the first comes after sales the form never saw.
        var accepted = new List<int>();
        var conflicts = 0;
        for (var round = 0; round < 4; round++)
        {
            var save = Task.Run(async () =>
            {
                Guid version;
                await using (var db = _world.Db())
                    version = await db.Products.Where(p => p.Id == item.ProductId).Select(p => p.Version).SingleAsync();
                var input = opened with { Description = $"Edit {round}", Variants = opened.Variants.Select(v => v with { Price = 10 + round }).ToList() };
                await commands.UpdateAsync(shop.Id, item.ProductId, input, version, shop.OwnerId, keepExistingStock: true); // as the editor saves
            });
            var attempts = await CheckoutWorld.RaceAsync(12, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));
            await save;
            CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
            var paid = attempts.Where(a => a.Accepted).Select(a => a.Result!.OrderId).ToArray();
            await _world.SettlePaidAsync(paid);
            accepted.AddRange(paid);
            conflicts += attempts.Count(a => !a.Accepted);
        }

        Assert.Equal(30, accepted.Count); // 48 buyers for 30 units: every unit sold, none twice
        Assert.Equal(18, conflicts);
        Assert.Equal((0, 0), await _world.StockAsync(item.VariantId)); // the form's 30 never came back
    }

    [DatabaseFact]
    public async Task A_stock_count_below_the_units_held_in_checkouts_is_refused_and_changes_nothing()
    {
        var shop = await _world.ShopAsync("count");
        var item = await _world.ProductAsync(shop, 10m, stock: 5);
        var (slug, sku, category) = await ProductKeysAsync(item);
        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, quantity: 3)).Accepted); // 3 held until paid

        var row = $"product_slug,name,category,status,sku,price,stock\n{slug},Widget,{category},Active,{sku},12.00,2\n";
        var result = await database.Services.GetRequiredService<ProductCsv>().ImportAsync(shop.Id, new MemoryStream(Encoding.UTF8.GetBytes(row)));

        var error = Assert.Single(result.RowErrors);
        Assert.Contains("stock is below the units reserved", error.Reason);
        Assert.Equal((5, 3), await _world.StockAsync(item.VariantId));
        await using var db = _world.Db();
        Assert.Equal(10m, await db.ProductVariants.Where(v => v.Id == item.VariantId).Select(v => v.Price).SingleAsync()); // the row's price too
        // The console's stock count follows the same rule.
        await Assert.ThrowsAsync<ValidationException>(() =>
            database.Services.GetRequiredService<StockService>().SetAsync(shop.Id, item.VariantId, 2, "Count", shop.OwnerId));
        Assert.Equal((5, 3), await _world.StockAsync(item.VariantId));
    }

    private async Task<(string Slug, string Sku, string Category)> ProductKeysAsync(TestVariant item)
    {
        await using var db = _world.Db();
        var keys = await db.ProductVariants.Where(v => v.Id == item.VariantId)
            .Select(v => new { v.Product!.Slug, v.Sku, Category = v.Product.Category!.Slug }).SingleAsync();
        return (keys.Slug, keys.Sku, keys.Category);
    }
}

public sealed class SqliteCheckoutConcurrencyTests(CheckoutSqliteDatabase database) : CheckoutConcurrencyTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresCheckoutConcurrencyTests(CheckoutPostgresDatabase database) : CheckoutConcurrencyTests<CheckoutPostgresDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerCheckoutConcurrencyTests(CheckoutSqlServerDatabase database) : CheckoutConcurrencyTests<CheckoutSqlServerDatabase>(database);
