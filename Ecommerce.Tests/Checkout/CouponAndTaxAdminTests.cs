using Ecommerce.Core.Common;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// Managing coupons (a merchant, for their own shops only) and the tax table (admins), on each provider: valid
/// input is stored as given, invalid input names each bad field, another merchant's shop is not found.
/// </summary>
public abstract class CouponAndTaxAdminTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private Coupons Coupons => _world.Coupons;

    [Fact]
    public async Task A_merchant_creates_lists_pages_and_deactivates_their_coupons()
    {
        var shop = await _world.ShopAsync("coupons");
        var ends = _world.Clock.Now.Date.AddDays(30); // whole seconds: PostgreSQL keeps microseconds
        var first = await Coupons.CreateAsync(shop.OwnerId, shop.Id, new CouponInput(" welcome10 ", CouponKind.Percentage, 10m, PerCustomerLimit: 1, MinimumSpend: 20m));
        var second = await Coupons.CreateAsync(shop.OwnerId, shop.Id, new CouponInput("FIVE-OFF", CouponKind.Fixed, 5m, null, ends, null, 100, 2));

        var page = await Coupons.ListAsync(shop.OwnerId, shop.Id, page: 1, pageSize: 1);
        Assert.Equal((2, 2), (page.Total, page.PageCount));
        var newest = Assert.Single(page.Items);
        Assert.Equal((second, "FIVE-OFF", "5.00 off", ends, 100, 2, 0, true),
            (newest.Id, newest.Code, newest.Discount, newest.EndsAt!.Value, newest.UsageLimit!.Value, newest.PerCustomerLimit!.Value, newest.UsedCount, newest.IsActive));
        var oldest = Assert.Single((await Coupons.ListAsync(shop.OwnerId, shop.Id, page: 2, pageSize: 1)).Items);
        Assert.Equal((first, "WELCOME10", "10% off", 20m), (oldest.Id, oldest.Code, oldest.Discount, oldest.MinimumSpend!.Value));

        await Coupons.DeactivateAsync(shop.OwnerId, shop.Id, first);
        await Coupons.DeactivateAsync(shop.OwnerId, shop.Id, first); // twice is harmless
        var rows = (await Coupons.ListAsync(shop.OwnerId, shop.Id)).Items;
        Assert.Equal([(second, true), (first, false)], rows.Select(r => (r.Id, r.IsActive)));
    }

    [Fact]
    public async Task Invalid_coupons_name_every_bad_field()
    {
        var shop = await _world.ShopAsync("badcoupons");
        var now = _world.Clock.Now;
        async Task<IEnumerable<string>> Errors(CouponInput input) =>
            (await Assert.ThrowsAsync<ValidationException>(() => Coupons.CreateAsync(shop.OwnerId, shop.Id, input))).Errors.Keys.Order();

        Assert.Equal(["code", "endsAt", "minimumSpend", "perCustomerLimit", "usageLimit", "value"],
            await Errors(new CouponInput("a!", CouponKind.Percentage, 0m, now.AddDays(2), now.AddDays(1), -1m, 0, 0)));
        Assert.Equal(["value"], await Errors(new CouponInput("BIG", CouponKind.Percentage, 150m)));
        Assert.Equal(["value"], await Errors(new CouponInput("TINY", CouponKind.Fixed, 0.005m)));
        Assert.Equal(["kind"], await Errors(new CouponInput("ODD", (CouponKind)7, 5m)));
        Assert.Equal(["endsAt"], await Errors(new CouponInput("PAST", CouponKind.Fixed, 5m, EndsAt: now.AddMinutes(-1))));
        Assert.Equal(["perCustomerLimit"], await Errors(new CouponInput("MORE", CouponKind.Fixed, 5m, UsageLimit: 2, PerCustomerLimit: 3)));
        Assert.Equal(["code"], await Errors(new CouponInput(new string('A', 41), CouponKind.Fixed, 5m)));
        Assert.Empty((await Coupons.ListAsync(shop.OwnerId, shop.Id)).Items);
    }

    [Fact]
    public async Task A_code_is_unique_within_a_shop_even_when_created_at_once_but_not_across_shops()
    {
        var (shop, other) = (await _world.ShopAsync("uniq"), await _world.ShopAsync("uniq2"));
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try { await Coupons.CreateAsync(shop.OwnerId, shop.Id, new CouponInput("SUMMER", CouponKind.Fixed, 5m)); return null; }
            catch (Exception e) { return e; }
        })));

        Assert.Single(attempts, e => e is null);
        Assert.All(attempts.Where(e => e is not null), e => Assert.Equal(["code"], Assert.IsType<ValidationException>(e).Errors.Keys));
        var again = await Assert.ThrowsAsync<ValidationException>(() => Coupons.CreateAsync(shop.OwnerId, shop.Id, new CouponInput("summer", CouponKind.Percentage, 5m)));
        Assert.Contains("already exists", again.Errors["code"].Single());
        await Coupons.CreateAsync(other.OwnerId, other.Id, new CouponInput("SUMMER", CouponKind.Fixed, 5m));
    }

    [Fact]
    public async Task Another_merchant_can_neither_create_list_nor_deactivate_a_shops_coupons()
    {
        var (shop, other) = (await _world.ShopAsync("mine"), await _world.ShopAsync("theirs"));
        var id = await Coupons.CreateAsync(shop.OwnerId, shop.Id, new CouponInput("OURS", CouponKind.Fixed, 5m));

        await Assert.ThrowsAsync<NotFoundException>(() => Coupons.CreateAsync(other.OwnerId, shop.Id, new CouponInput("SNEAKY", CouponKind.Fixed, 5m)));
        await Assert.ThrowsAsync<NotFoundException>(() => Coupons.ListAsync(other.OwnerId, shop.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Coupons.DeactivateAsync(other.OwnerId, shop.Id, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Coupons.DeactivateAsync(other.OwnerId, other.Id, id)); // their shop, our coupon
        var ours = Assert.Single((await Coupons.ListAsync(shop.OwnerId, shop.Id)).Items);
        Assert.Equal(("OURS", true), (ours.Code, ours.IsActive));
    }

    [Fact]
    public async Task Tax_rates_are_set_replaced_listed_and_deleted()
    {
        var rates = _world.TaxRates;
        var nevada = await rates.SetAsync(new TaxRateInput(" us ", "nv", 0.0685m, "Nevada"), Ecommerce.Core.Audit.AuditActor.System);
        var iceland = await rates.SetAsync(new TaxRateInput("IS", null, 0.24m, "VSK"), Ecommerce.Core.Audit.AuditActor.System);
        Assert.Equal(nevada, await rates.SetAsync(new TaxRateInput("US", "NV", 0.0700m, "Nevada sales tax"), Ecommerce.Core.Audit.AuditActor.System));

        var listed = (await rates.ListAsync(pageSize: 100)).Items.Where(t => t.Id == nevada || t.Id == iceland).ToList();
        Assert.Equal([("IS", "", 0.24m, "VSK"), ("US", "NV", 0.07m, "Nevada sales tax")], listed.Select(t => (t.Country, t.Region, t.Rate, t.Name)));

        await rates.DeleteAsync(iceland, Ecommerce.Core.Audit.AuditActor.System);
        await Assert.ThrowsAsync<NotFoundException>(() => rates.DeleteAsync(iceland, Ecommerce.Core.Audit.AuditActor.System));
        Assert.DoesNotContain((await rates.ListAsync(pageSize: 100)).Items, t => t.Id == iceland);
    }

    [Fact]
    public async Task Invalid_tax_rates_name_every_bad_field()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _world.TaxRates.SetAsync(new TaxRateInput("USA", "TOOLONG7", 1.5m, ""), Ecommerce.Core.Audit.AuditActor.System));
        Assert.Equal(["country", "name", "rate", "region"], error.Errors.Keys.Order());
        var precise = await Assert.ThrowsAsync<ValidationException>(() => _world.TaxRates.SetAsync(new TaxRateInput("CA", "QC", 0.14975m, "GST + QST"), Ecommerce.Core.Audit.AuditActor.System));
        Assert.Equal(["rate"], precise.Errors.Keys);
    }
}

public sealed class SqliteCouponAndTaxAdminTests(CheckoutSqliteDatabase database) : CouponAndTaxAdminTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresCouponAndTaxAdminTests(CheckoutPostgresDatabase database) : CouponAndTaxAdminTests<CheckoutPostgresDatabase>(database);
