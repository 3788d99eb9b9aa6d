using Ecommerce.Core.Analytics;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// The admin dashboard's figures against orders placed through checkout on a fresh database of each provider:
/// only paid orders count, by the day they were paid, in ranges of 7/30/90 days; the pipeline's backlog and age.
/// </summary>
public abstract class PlatformDashboardTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private PlatformDashboard Dashboard => database.Services.GetRequiredService<PlatformDashboard>();

    [Fact]
    public async Task Gmv_orders_users_and_selling_shops_are_counted_per_paid_day_over_the_chosen_range()
    {
        var north = await _world.ShopAsync("north");
        var south = await _world.ShopAsync("south");
        var boots = await _world.ProductAsync(north, 20m, stock: 50);
        var tent = await _world.ProductAsync(south, 30m, stock: 50);
        var firstDay = DateOnly.FromDateTime(_world.Clock.Now);

        var one = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), boots, quantity: 2); // 40 + 5 shipping
        var two = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), tent);                // 30 + 5
        var declined = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), tent, card: CheckoutWorld.DeclinedCard);
        var unpaid = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), boots, card: CheckoutWorld.AbandonedCard);
        await _world.SettlePaidAsync(one.OrderId, two.OrderId);
        Assert.False(declined.Accepted);
        Assert.Equal(OrderStatus.PendingPayment, (await _world.OrderAsync(unpaid.OrderId)).Status);

        _world.Clock.Advance(TimeSpan.FromDays(2));
        var later = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), boots);               // 20 + 5, two days on
        await _world.SettlePaidAsync(later.OrderId);
        int users;
        await using (var db = _world.Db()) users = await db.Users.CountAsync();

        var week = await Dashboard.SummaryAsync(7);
        Assert.Equal(7, week.PaidOrders.Count);
        Assert.Equal(firstDay.AddDays(2), week.To);
        Assert.Equal(
            [new GmvDay(firstDay, "USD", 80m, 2), new GmvDay(firstDay.AddDays(2), "USD", 25m, 1)],
            week.Gmv.ToArray());
        Assert.Equal(2, week.PaidOrders.Single(d => d.Day == firstDay).Count);
        Assert.Equal(1, week.PaidOrders.Single(d => d.Day == firstDay.AddDays(2)).Count);
        Assert.Equal(3, week.PaidOrders.Sum(d => d.Count));
        Assert.Equal(2, week.SellingShops.Single(d => d.Day == firstDay).Count);
        Assert.Equal(1, week.SellingShops.Single(d => d.Day == firstDay.AddDays(2)).Count);
        Assert.Equal(users, week.NewUsers.Sum(d => d.Count)); // every user of this fresh database joined today
        Assert.Equal(2, week.ActiveShops);

        // Ten days on, the week is empty and the month still holds all three.
        _world.Clock.Advance(TimeSpan.FromDays(10));
        var emptyWeek = await Dashboard.SummaryAsync(7);
        Assert.Empty(emptyWeek.Gmv);
        Assert.All(emptyWeek.PaidOrders, d => Assert.Equal(0, d.Count));
        var month = await Dashboard.SummaryAsync(30);
        Assert.Equal(105m, month.Gmv.Sum(g => g.Total));
        Assert.Equal(30, month.NewUsers.Count);
        Assert.Equal(90, (await Dashboard.SummaryAsync(90)).SellingShops.Count);
    }

    [Fact]
    public async Task The_pipeline_shows_pending_and_failed_events_and_the_age_of_the_oldest()
    {
        await using (var db = _world.Db())
        {
            db.OutboxMessages.Add(new OutboxMessage { Type = "test.waiting", Payload = "{}", OccurredAt = _world.Clock.Now - TimeSpan.FromMinutes(42) });
            db.OutboxMessages.Add(new OutboxMessage { Type = "test.parked", Payload = "{}", Status = OutboxStatus.Failed });
            await db.SaveChangesAsync();
        }
        int pending, failed;
        await using (var db = _world.Db())
        {
            pending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending);
            failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed);
        }

        var summary = await Dashboard.SummaryAsync(30);

        Assert.Equal(pending, summary.Pipeline.Pending);
        Assert.Equal(failed, summary.Pipeline.Failed);
        Assert.True(summary.Pipeline.Failed >= 1);
        Assert.True(summary.Pipeline.OldestPendingAge >= TimeSpan.FromMinutes(42), $"oldest pending: {summary.Pipeline.OldestPendingAge}");
        Assert.True(summary.Search.EventsBehind >= 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    [InlineData(365)]
    public async Task Only_7_30_or_90_days_are_offered(int days)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Dashboard.SummaryAsync(days));
        Assert.Contains("days", error.Errors.Keys);
    }
}

public sealed class SqlitePlatformDashboardTests(CheckoutSqliteDatabase database) : PlatformDashboardTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresPlatformDashboardTests(CheckoutPostgresDatabase database) : PlatformDashboardTests<CheckoutPostgresDatabase>(database);
