using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// The same checkout sent again with its idempotency key: while the first request still waits on the provider the
/// second answers "pending" without asking the provider (so a provider's "in progress" can never fail the order); once
/// the first request's claim on the charge has lapsed (its process died before asking), one retry charges it, once.
/// </summary>
public abstract class DoubleSubmitTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private HeldChargeGateway Provider => database.Services.GetRequiredService<HeldChargeGateway>();

    [DatabaseFact]
    public async Task A_double_submit_while_the_provider_is_still_charging_answers_pending_and_the_order_is_charged_once()
    {
        var item = await _world.ProductAsync(await _world.ShopAsync("double"), 25m, 5);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();
        var atProvider = Provider.HoldCharges();
        var first = Task.Run(() => _world.PlaceAsync(buyer, item, card: HeldChargeGateway.HeldCard, key: key));
        try
        {
            await atProvider.WaitAsync(TimeSpan.FromSeconds(30));

            var second = await _world.PlaceAsync(buyer, item, card: HeldChargeGateway.HeldCard, key: key);

            Assert.Equal((false, OrderStatus.PendingPayment, true, null), (second.Created, second.Status, second.Accepted, second.PaymentProblem));
        }
        finally { Provider.ReleaseCharges(); }
        var placed = await first;
        Assert.True(placed.Accepted, placed.PaymentProblem);
        await _world.SettlePaidAsync(placed.OrderId);

        Assert.Equal(1, Provider.ChargeRequestsOf(placed.OrderId));
        Assert.DoesNotContain((await _world.OrderAsync(placed.OrderId)).History, h => h.To == OrderStatus.PaymentFailed);
        Assert.Equal(PaymentStatus.Succeeded, (await _world.PaymentAsync(placed.OrderId)).Status);
        Assert.Equal((4, 0), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task A_retry_after_the_first_attempt_died_before_the_charge_pays_the_order_once_the_claim_lapsed()
    {
        var item = await _world.ProductAsync(await _world.ShopAsync("died"), 25m, 5);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<ProcessDiedException>(() => _world.PlaceAsync(buyer, item, card: HeldChargeGateway.CrashingCard, key: key));

        // Inside the claim the first attempt may still be charging: the retry only says the order is pending.
        var soon = await _world.PlaceAsync(buyer, item, card: HeldChargeGateway.CrashingCard, key: key);
        Assert.Equal((false, OrderStatus.PendingPayment), (soon.Created, soon.Status));
        Assert.Equal(0, Provider.ChargeRequestsOf(soon.OrderId));

        _world.Clock.Advance(_world.Options.ChargeLease + TimeSpan.FromSeconds(1));
        var retried = await _world.PlaceAsync(buyer, item, card: HeldChargeGateway.CrashingCard, key: key);

        Assert.Equal((soon.OrderId, false), (retried.OrderId, retried.Created));
        Assert.True(retried.Accepted, retried.PaymentProblem);
        await _world.SettlePaidAsync(retried.OrderId);
        Assert.Equal(1, Provider.ChargeRequestsOf(retried.OrderId));
        Assert.Equal((4, 0), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task Of_several_retries_racing_after_the_claim_lapsed_only_one_asks_the_provider()
    {
        var item = await _world.ProductAsync(await _world.ShopAsync("racing"), 25m, 5);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<ProcessDiedException>(() => _world.PlaceAsync(buyer, item, card: HeldChargeGateway.CrashingCard, key: key));
        _world.Clock.Advance(_world.Options.ChargeLease + TimeSpan.FromSeconds(1));

        var attempts = await CheckoutWorld.RaceAsync(6, _ => _world.PlaceAsync(buyer, item, card: HeldChargeGateway.CrashingCard, key: key));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        var orderId = Assert.Single(attempts.Select(a => a.Result!.OrderId).Distinct());
        await _world.SettlePaidAsync(orderId);
        Assert.Equal(1, Provider.ChargeRequestsOf(orderId));
        Assert.Equal((4, 0), await _world.StockAsync(item.VariantId));
    }
}

public sealed class SqliteDoubleSubmitTests(CheckoutSqliteDatabase database) : DoubleSubmitTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresDoubleSubmitTests(CheckoutPostgresDatabase database) : DoubleSubmitTests<CheckoutPostgresDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerDoubleSubmitTests(CheckoutSqlServerDatabase database) : DoubleSubmitTests<CheckoutSqlServerDatabase>(database);
