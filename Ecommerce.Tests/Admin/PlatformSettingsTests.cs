using Ecommerce.Core.Audit;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Settings;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// Platform settings on each provider: validation, the reservation expiry overriding Checkout:ReservationExpiry where
/// checkout takes its holds (with the checkout tests' movable clock), and an audit entry for every change.
/// </summary>
public abstract class PlatformSettingsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private static readonly AuditActor Admin = AuditActor.User("admin-id", "admin@test.local");
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private PlatformSettings Settings => database.Services.GetRequiredService<PlatformSettings>();
    private AuditLog Audit => database.Services.GetRequiredService<AuditLog>();

    [Fact]
    public async Task Invalid_settings_name_every_bad_field_and_change_nothing()
    {
        var before = await Settings.GetAllAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Settings.SetAllAsync(new PlatformSettingsValues((MerchantApprovalPolicy)7, 121, "usd"), Admin));
        Assert.Equal(["currency", "merchantApproval", "reservationExpiryMinutes"], error.Errors.Keys.Order().ToArray());
        await Assert.ThrowsAsync<ValidationException>(() => Settings.SetAllAsync(before with { ReservationExpiryMinutes = 0 }, Admin));
        await Assert.ThrowsAsync<ValidationException>(() => Settings.SetAllAsync(before with { Currency = "EURO" }, Admin));
        Assert.Equal(before, await Settings.GetAllAsync());
    }

    [Fact]
    public async Task The_reservation_expiry_setting_overrides_the_configured_hold_and_clearing_it_restores_the_default()
    {
        var configured = _world.Options.ReservationExpiry;
        var setting = (int)configured.TotalMinutes + 20;
        var current = await Settings.GetAllAsync();
        await Settings.SetAllAsync(current with { ReservationExpiryMinutes = setting }, Admin);
        try
        {
            var shop = await _world.ShopAsync("hold");
            var item = await _world.ProductAsync(shop, 15m, stock: 1);
            var holder = Guid.NewGuid();
            var quote = await _world.Checkout.HoldAsync(CheckoutWorld.NewBuyer(), holder,
                new QuoteRequest(CheckoutWorld.Lines((item, 1)), CheckoutWorld.Address().Location, true));
            Assert.True(quote.CanPlaceOrder, string.Join("; ", quote.Problems));

            // Past the configured expiry the hold still stands: another buyer finds the unit taken.
            _world.Clock.Advance(configured + TimeSpan.FromMinutes(1));
            await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));
            // Past the setting it has lapsed.
            _world.Clock.Advance(TimeSpan.FromMinutes(setting) - configured);
            Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
        }
        finally
        {
            await Settings.SetAllAsync(current with { ReservationExpiryMinutes = null }, Admin);
        }

        // Back on the configured expiry: a hold is gone just after it.
        var other = await _world.ProductAsync(await _world.ShopAsync("hold2"), 15m, stock: 1);
        await _world.Checkout.HoldAsync(CheckoutWorld.NewBuyer(), Guid.NewGuid(),
            new QuoteRequest(CheckoutWorld.Lines((other, 1)), CheckoutWorld.Address().Location, true));
        _world.Clock.Advance(configured + TimeSpan.FromSeconds(1));
        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), other)).Accepted);
    }

    [Fact]
    public async Task Every_changed_setting_is_audited_with_who_before_and_after()
    {
        var current = await Settings.GetAllAsync();
        // (The currency has its own tests, PlatformCurrencyTests: it cannot change once products exist, as they do here.)
        var minutes = current.ReservationExpiryMinutes == 30 ? 31 : 30;
        await Settings.SetAllAsync(current with { ReservationExpiryMinutes = minutes, MerchantApproval = MerchantApprovalPolicy.Automatic }, Admin);
        await Settings.SetMerchantApprovalAsync(MerchantApprovalPolicy.ByAdmin, Admin);

        Assert.Equal(minutes, (await Settings.GetAllAsync()).ReservationExpiryMinutes);
        var entries = (await Audit.SearchAsync(new AuditQuery(Action: "setting.changed", ActorId: "admin-id"), new PageRequest(1, 50))).Items;
        var holdEntry = entries.First(e => e.SubjectId == PlatformSettings.ReservationExpiryKey && e.After!.Contains($"\"{minutes}\""));
        Assert.Equal("admin@test.local", holdEntry.ActorName);
        Assert.Contains(current.ReservationExpiryMinutes is { } old ? $"\"{old}\"" : "null", holdEntry.Before);
        var approvals = entries.Where(e => e.SubjectId == PlatformSettings.MerchantApprovalKey).ToList();
        Assert.Contains(approvals, e => e.After!.Contains("Automatic"));
        Assert.Contains(approvals, e => e.After!.Contains("ByAdmin") && e.Before!.Contains("Automatic"));
        // A save that changes nothing writes nothing.
        var count = (await Audit.SearchAsync(new AuditQuery(Action: "setting.changed"), new PageRequest(1, 100))).Total;
        await Settings.SetAllAsync(await Settings.GetAllAsync(), Admin);
        Assert.Equal(count, (await Audit.SearchAsync(new AuditQuery(Action: "setting.changed"), new PageRequest(1, 100))).Total);
        await Settings.SetAllAsync((await Settings.GetAllAsync()) with { ReservationExpiryMinutes = current.ReservationExpiryMinutes }, Admin);
    }
}

public sealed class SqlitePlatformSettingsTests(CheckoutSqliteDatabase database) : PlatformSettingsTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresPlatformSettingsTests(CheckoutPostgresDatabase database) : PlatformSettingsTests<CheckoutPostgresDatabase>(database);
