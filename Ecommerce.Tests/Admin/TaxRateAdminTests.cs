using Ecommerce.Core.Audit;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Pricing;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>The admin's tax table on each provider: a rate set, changed and deleted changes the next quote, audited each time.</summary>
public abstract class TaxRateAdminTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private static readonly AuditActor Admin = AuditActor.User("tax-admin", "tax-admin@test.local");
    private readonly CheckoutWorld _world = new(database, database.Clock);

    private async Task<decimal> TaxOnAsync(TestVariant item, string region) =>
        (await _world.Checkout.QuoteAsync(new QuoteRequest(CheckoutWorld.Lines((item, 2)), CheckoutWorld.Address("US", region).Location, true))).Tax;

    [Fact]
    public async Task A_rate_set_changed_and_deleted_by_an_admin_changes_the_quote_and_is_audited()
    {
        var item = await _world.ProductAsync(await _world.ShopAsync("tax"), 50m, stock: 10);
        Assert.Equal(0m, await TaxOnAsync(item, "WA"));

        var id = await _world.TaxRates.SetAsync(new TaxRateInput("US", "WA", 0.05m, "Washington"), Admin);
        var taxed = await TaxOnAsync(item, "WA");
        Assert.True(taxed > 0m);
        Assert.Equal(0m, await TaxOnAsync(item, "OR")); // another region of the same country: no rate

        await _world.TaxRates.SetAsync(new TaxRateInput("US", "WA", 0.10m, "Washington"), Admin);
        Assert.Equal(taxed * 2, await TaxOnAsync(item, "WA"));

        await _world.TaxRates.DeleteAsync(id, Admin);
        Assert.Equal(0m, await TaxOnAsync(item, "WA"));
        await Assert.ThrowsAsync<NotFoundException>(() => _world.TaxRates.DeleteAsync(id, Admin));

        var log = database.Services.GetRequiredService<AuditLog>();
        var entries = (await log.SearchAsync(new AuditQuery(SubjectType: "tax-rate", SubjectId: "US-WA"), new PageRequest(1, 10))).Items;
        Assert.Equal(["tax-rate.deleted", "tax-rate.changed", "tax-rate.added"], entries.Select(e => e.Action).ToArray());
        Assert.All(entries, e => Assert.Equal("tax-admin@test.local", e.ActorName));
        Assert.Contains("0.1", entries[1].After);
        Assert.Contains("0.05", entries[1].Before);
    }

    [Fact]
    public async Task An_invalid_rate_is_refused_and_nothing_is_written_or_audited()
    {
        var log = database.Services.GetRequiredService<AuditLog>();
        var before = (await log.SearchAsync(new AuditQuery(SubjectType: "tax-rate"), new PageRequest(1, 1))).Total;
        var error = await Assert.ThrowsAsync<ValidationException>(() => _world.TaxRates.SetAsync(new TaxRateInput("US", "CA", 1.0m, "California"), Admin));
        Assert.Contains("rate", error.Errors.Keys);
        await Assert.ThrowsAsync<ValidationException>(() => _world.TaxRates.SetAsync(new TaxRateInput("US", "CA", -0.01m, "California"), Admin));
        Assert.Equal(before, (await log.SearchAsync(new AuditQuery(SubjectType: "tax-rate"), new PageRequest(1, 1))).Total);
    }
}

public sealed class SqliteTaxRateAdminTests(CheckoutSqliteDatabase database) : TaxRateAdminTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresTaxRateAdminTests(CheckoutPostgresDatabase database) : TaxRateAdminTests<CheckoutPostgresDatabase>(database);
