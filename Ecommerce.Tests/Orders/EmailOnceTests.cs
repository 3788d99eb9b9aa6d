using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>
/// Every order email is sent exactly once per key however often its event is delivered, counted at the sender
/// (<see cref="CountingEmailSender"/> over the real pickup-folder sender): the sent_emails table and the key-named
/// pickup files hold one entry per key whatever happens, so they cannot show a second send.
/// </summary>
public abstract class EmailOnceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Merchant = AuditActor.User("merchant-id", "merchant@test.local");
    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();
    private CountingEmailSender Sender => Get<CountingEmailSender>();

    /// <summary>Delivers every order event again (as the outbox may after a crash or a lost lease), then drains.</summary>
    private async Task RedeliverAsync()
    {
        await database.Dispatcher.DrainAsync();
        await using (var db = database.NewContext())
            await db.OutboxMessages.Where(m => m.Type.StartsWith("order.") || m.Type.StartsWith("shop-order.") || m.Type.StartsWith("shipment.") || m.Type.StartsWith("return."))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        await database.Dispatcher.DrainAsync();
    }

    [DatabaseFact]
    public async Task Receipt_parcels_refund_and_return_emails_are_each_sent_once_when_their_events_are_redelivered()
    {
        var paid = await PaidOrders.PlaceAsync(database, 2, 1);
        var userId = "user-" + Guid.NewGuid().ToString("N");
        await using (var db = database.NewContext())
            await db.Orders.Where(o => o.Id == paid.Order.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId));
        var orders = Get<MerchantOrders>();
        var first = await orders.ShipAsync(paid.ShopId, paid.ShopOrderId, [new(paid.LineIds[0], 2)], "UPS", "P-1", "m");
        var second = await orders.ShipAsync(paid.ShopId, paid.ShopOrderId, null, "UPS", "P-2", "m");
        await orders.MarkDeliveredAsync(paid.ShopId, paid.ShopOrderId, "m");
        var refund = await Get<Refunds>().RefundAsync(paid.ShopId, paid.ShopOrderId, 5m, "Late delivery", Merchant);
        var request = await Get<Returns>().RequestAsync(userId, paid.Order.Number, paid.ShopOrderId, [new(paid.LineIds[1], 1)], "Broken");
        await Get<Returns>().RefuseAsync(paid.ShopId, request.Id, "Broken by the shopper", Merchant);

        await RedeliverAsync();
        await RedeliverAsync();

        var id = paid.Order.OrderId;
        string[] expected =
        [
            $"order.paid:{id}:shopper", $"order.paid:{id}:shop:{paid.ShopId}",
            $"shipment.sent:{id}:{first.Id}:shopper", $"shipment.sent:{id}:{second.Id}:shopper",
            $"shop-order.refunded:{id}:{refund.Id}:shopper", $"return.decided:{id}:{request.Id}:shopper",
        ];
        Assert.Equal(expected.Select(k => (k, 1)), expected.Select(k => (k, Sender.SendsOf(k))));
        Assert.All(Sender.Sends.Where(s => s.Key.Contains($":{id}:")), s => Assert.Equal(1, s.Value));
    }

    [DatabaseFact]
    public async Task Each_cancelled_shop_order_mails_the_shopper_once_with_the_reason()
    {
        var paid = await PaidOrders.PlaceAsync(database, 1);
        await Get<MerchantOrders>().CancelAsync(paid.ShopId, paid.ShopOrderId, "Out of <b>stock</b> at the warehouse", Merchant);

        await RedeliverAsync();
        await RedeliverAsync();

        var key = $"shop-order.cancelled:{paid.Order.OrderId}:{paid.ShopOrderId}:shopper";
        Assert.Equal(1, Sender.SendsOf(key));
        var mail = Sender.LastOf(key)!;
        Assert.Contains(paid.Order.Number, mail.Subject);
        Assert.Contains("Out of &lt;b&gt;stock&lt;/b&gt; at the warehouse", mail.HtmlBody);
        Assert.Single(Directory.GetFiles(Path.Combine(database.Settings.DataFolder, "mail"), key.Replace(':', '_') + ".eml")); // really written
    }
}

/// <summary>A test database whose email sender counts each send (see <see cref="CountingEmailSender"/>).</summary>
public sealed class SqliteCountedEmailDatabase : SqliteTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => CountingEmailSender.Register(services);
}

public sealed class PostgresCountedEmailDatabase : PostgresTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => CountingEmailSender.Register(services);
}

public sealed class SqliteEmailOnceTests(SqliteCountedEmailDatabase database) : EmailOnceTests<SqliteCountedEmailDatabase>(database);

public sealed class PostgresEmailOnceTests(PostgresCountedEmailDatabase database) : EmailOnceTests<PostgresCountedEmailDatabase>(database);

public sealed class SqlServerCountedEmailDatabase : SqlServerTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => CountingEmailSender.Register(services);
}

[RequiresSqlServer]
public sealed class SqlServerEmailOnceTests(SqlServerCountedEmailDatabase database) : EmailOnceTests<SqlServerCountedEmailDatabase>(database);
