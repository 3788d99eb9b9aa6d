using System.Text;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Shipping;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Payments;

/// <summary>A test database whose platform uses Stripe, played by a local <see cref="FakeStripe"/>.</summary>
public interface IStripeDatabase
{
    FakeStripe Stripe { get; }
}

public sealed class StripeSqliteDatabase : SqliteTestDatabase, IStripeDatabase, IDisposable
{
    public FakeStripe Stripe { get; } = new();
    protected override void Configure(Dictionary<string, string?> settings) { foreach (var (key, value) in Stripe.Settings) settings[key] = value; }
    public void Dispose() => Stripe.Dispose();
}

public sealed class StripePostgresDatabase : PostgresTestDatabase, IStripeDatabase, IDisposable
{
    public FakeStripe Stripe { get; } = new();
    protected override void Configure(Dictionary<string, string?> settings) { foreach (var (key, value) in Stripe.Settings) settings[key] = value; }
    public void Dispose() => Stripe.Dispose();
}

/// <summary>
/// Whole checkouts through CheckoutService with Payments:Provider=Stripe, on a real database: the order reaches
/// Paid only through signed webhooks and the outbox, each outcome is applied once however often it is delivered,
/// and a webhook that overtakes the checkout's own answer still works.
/// </summary>
public abstract class StripeCheckoutTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase, IStripeDatabase
{
    private FakeStripe Stripe => database.Stripe;
    private CheckoutService Checkout => database.Services.GetRequiredService<CheckoutService>();
    private StripeWebhooks Webhooks => database.Services.GetRequiredService<StripeWebhooks>();

    private static readonly PostalAddress Address = new()
    {
        Name = "Ada Buyer", Line1 = "1 Market St", City = "San Francisco", Region = "CA", PostalCode = "94105", Country = "US",
    };

    /// <summary>A shop that ships to the US for 5.00, selling one product at 19.99 with 10 in stock.</summary>
    private async Task<int> VariantAsync()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "stripe-" + Guid.NewGuid().ToString("N")[..8]);
        db.ShippingZones.Add(new ShippingZone { ShopId = shop.Id, Name = "United States", Countries = ["US"], Rate = 5m, MinDays = 2, MaxDays = 5 });
        var product = TestData.Product(shop, category, "Stripe Lamp", 19.99m, stock: 10);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Variants[0].Id;
    }

    private Task<CheckoutResult> PlaceAsync(int variantId, string card = SandboxPaymentGateway.SucceedsCard) =>
        Checkout.PlaceOrderAsync(new Buyer(null, "ada@example.com", null),
            new PlaceOrderRequest([new LineRequest(variantId, 1)], Address, new PaymentMethodDetails(card), Guid.NewGuid().ToString()));

    private async Task<StripeWebhookOutcome> DeliverAsync(string body, DateTimeOffset? signedAt = null) =>
        await Webhooks.ReceiveAsync(Encoding.UTF8.GetBytes(body), FakeStripe.Sign(body, signedAt));

    private async Task<(OrderStatus Status, Payment Payment, int PaidRows, int OnHand, int Reserved)> StateAsync(int orderId, int variantId)
    {
        await using var db = database.NewContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId);
        var paidRows = await db.OrderHistory.CountAsync(h => h.OrderId == orderId && h.To == OrderStatus.Paid);
        var stock = await db.StockItems.AsNoTracking().SingleAsync(s => s.VariantId == variantId);
        return (order.Status, payment, paidRows, stock.OnHand, stock.Reserved);
    }

    private async Task<string> IntentOfAsync(int orderId)
    {
        await using var db = database.NewContext();
        var number = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync();
        return Stripe.PaymentIntents.Values.Single(p => p["metadata"]!["order_number"]!.GetValue<string>() == number)["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_processing_payment_becomes_paid_by_its_signed_webhook_once()
    {
        var variant = await VariantAsync();
        Stripe.SuccessStatus = "processing";
        try
        {
            var placed = await PlaceAsync(variant);
            Assert.True(placed.Accepted);
            Assert.Equal(24.99m, placed.Total);
            var intentId = await IntentOfAsync(placed.OrderId);
            Assert.Equal(2499, Stripe.PaymentIntents[intentId]["amount"]!.GetValue<long>()); // 19.99 + 5.00 shipping, in cents
            await database.Dispatcher.DrainAsync();
            var waiting = await StateAsync(placed.OrderId, variant);
            Assert.Equal(OrderStatus.PendingPayment, waiting.Status);
            Assert.Equal(intentId, waiting.Payment.ProviderPaymentId);
            Assert.Equal("stripe", waiting.Payment.Provider);
            Assert.Equal(1, waiting.Reserved);

            var succeeded = Stripe.Settle(intentId, succeeded: true);
            Assert.Equal(StripeWebhookOutcome.Accepted, await DeliverAsync(succeeded));
            await database.Dispatcher.DrainAsync();
            Assert.Equal(StripeWebhookOutcome.Duplicate, await DeliverAsync(succeeded)); // Stripe retries a delivery it thinks failed
            await database.Dispatcher.DrainAsync();

            var paid = await StateAsync(placed.OrderId, variant);
            Assert.Equal(OrderStatus.Paid, paid.Status);
            Assert.Equal(PaymentStatus.Succeeded, paid.Payment.Status);
            Assert.Equal(1, paid.PaidRows);
            Assert.Equal((9, 0), (paid.OnHand, paid.Reserved));
        }
        finally { Stripe.SuccessStatus = "succeeded"; }
    }

    [Fact]
    public async Task A_charge_that_succeeds_at_once_and_its_webhook_pay_the_order_once()
    {
        var variant = await VariantAsync();
        var placed = await PlaceAsync(variant);
        var intentId = await IntentOfAsync(placed.OrderId);

        Assert.Equal(StripeWebhookOutcome.Accepted, await DeliverAsync(Stripe.Event("payment_intent.succeeded", intentId)));
        await database.Dispatcher.DrainAsync();

        var paid = await StateAsync(placed.OrderId, variant);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(1, paid.PaidRows);
        Assert.Equal((9, 0), (paid.OnHand, paid.Reserved));
    }

    [Fact]
    public async Task A_webhook_that_arrives_before_the_checkout_stored_the_payment_intent_still_pays_the_order()
    {
        var variant = await VariantAsync();
        string? early = null;
        // Stripe sends the event, and it is applied, before the answer to the checkout's own request comes back.
        Stripe.BeforeAnswering = async intent =>
        {
            early = intent["id"]!.GetValue<string>();
            Assert.Equal(StripeWebhookOutcome.Accepted, await DeliverAsync(Stripe.Event("payment_intent.succeeded", early)));
            await database.Dispatcher.DrainAsync();
        };
        CheckoutResult placed;
        try { placed = await PlaceAsync(variant); }
        finally { Stripe.BeforeAnswering = null; }
        await database.Dispatcher.DrainAsync();

        Assert.NotNull(early);
        var paid = await StateAsync(placed.OrderId, variant);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(early, paid.Payment.ProviderPaymentId);
        Assert.Equal(1, paid.PaidRows);
        Assert.Equal((9, 0), (paid.OnHand, paid.Reserved));
    }

    [Fact]
    public async Task A_declined_card_fails_the_order_gives_the_stock_back_and_its_webhook_changes_nothing()
    {
        var variant = await VariantAsync();
        var placed = await PlaceAsync(variant, SandboxPaymentGateway.DeclinedCard);
        Assert.False(placed.Accepted);
        Assert.Equal(OrderStatus.PaymentFailed, placed.Status);
        Assert.Equal("Your card was declined.", placed.PaymentProblem);

        var intentId = await IntentOfAsync(placed.OrderId);
        Assert.Equal(StripeWebhookOutcome.Accepted, await DeliverAsync(Stripe.Event("payment_intent.payment_failed", intentId)));
        await database.Dispatcher.DrainAsync();

        var failed = await StateAsync(placed.OrderId, variant);
        Assert.Equal(OrderStatus.PaymentFailed, failed.Status);
        Assert.Equal("card_declined", failed.Payment.FailureCode);
        Assert.Equal((10, 0), (failed.OnHand, failed.Reserved));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.OrderHistory.CountAsync(h => h.OrderId == placed.OrderId && h.To == OrderStatus.PaymentFailed));
    }

    [Fact]
    public async Task A_processing_payment_that_fails_later_fails_the_order_by_its_webhook()
    {
        var variant = await VariantAsync();
        Stripe.SuccessStatus = "processing";
        try
        {
            var placed = await PlaceAsync(variant);
            var intentId = await IntentOfAsync(placed.OrderId);
            Assert.Equal(StripeWebhookOutcome.Accepted, await DeliverAsync(Stripe.Settle(intentId, succeeded: false)));
            await database.Dispatcher.DrainAsync();

            var failed = await StateAsync(placed.OrderId, variant);
            Assert.Equal(OrderStatus.PaymentFailed, failed.Status);
            Assert.Equal("insufficient_funds", failed.Payment.FailureCode);
            Assert.Equal("Your card has insufficient funds.", failed.Payment.FailureMessage);
            Assert.Equal((10, 0), (failed.OnHand, failed.Reserved));
        }
        finally { Stripe.SuccessStatus = "succeeded"; }
    }

    [Fact]
    public async Task When_stripe_fails_the_shopper_is_told_plainly_and_nothing_is_kept()
    {
        var variant = await VariantAsync();
        Stripe.FailNext(1);
        var placed = await PlaceAsync(variant);
        Assert.False(placed.Accepted);
        Assert.Contains("did not answer", placed.PaymentProblem);
        var state = await StateAsync(placed.OrderId, variant);
        Assert.Equal(OrderStatus.PaymentFailed, state.Status);
        Assert.Equal((10, 0), (state.OnHand, state.Reserved));
    }

    [Fact]
    public async Task Forged_stale_and_foreign_events_change_nothing()
    {
        var variant = await VariantAsync();
        Stripe.SuccessStatus = "processing";
        try
        {
            var placed = await PlaceAsync(variant);
            var intentId = await IntentOfAsync(placed.OrderId);
            var succeeded = Stripe.Settle(intentId, succeeded: true);

            var forged = await Assert.ThrowsAsync<Ecommerce.Core.Common.ValidationException>(() =>
                Webhooks.ReceiveAsync(Encoding.UTF8.GetBytes(succeeded), FakeStripe.Sign(succeeded, secret: "whsec_attacker")));
            Assert.Contains("Stripe-Signature", forged.Errors.Keys);
            await Assert.ThrowsAsync<Ecommerce.Core.Common.ValidationException>(() => DeliverAsync(succeeded, DateTimeOffset.UtcNow.AddMinutes(-6)));
            // Another database on the same Stripe account has an order with this id, but not this number.
            var foreign = succeeded.Replace(placed.Number, "EC-OTHERONE");
            Assert.Equal(StripeWebhookOutcome.Ignored, await DeliverAsync(foreign));
            Assert.Equal(StripeWebhookOutcome.Ignored, await DeliverAsync(Stripe.Event("payment_intent.created", intentId)));
            await database.Dispatcher.DrainAsync();

            Assert.Equal(OrderStatus.PendingPayment, (await StateAsync(placed.OrderId, variant)).Status);
        }
        finally { Stripe.SuccessStatus = "succeeded"; }
    }

    [Fact]
    public async Task A_paid_order_can_be_refunded_through_the_gateway()
    {
        var variant = await VariantAsync();
        var placed = await PlaceAsync(variant);
        await database.Dispatcher.DrainAsync();
        await using var db = database.NewContext();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == placed.OrderId);

        var gateway = database.Services.GetRequiredService<IPaymentGateway>();
        var refund = await gateway.RefundAsync(payment.ProviderPaymentId!, payment.Amount, payment.Currency, $"order-{placed.OrderId}-refund-1");

        Assert.True(refund.Succeeded);
        Assert.Equal(2499, Stripe.Refunds[refund.ProviderRefundId!]["amount"]!.GetValue<long>());
    }
}

public sealed class SqliteStripeCheckoutTests(StripeSqliteDatabase database) : StripeCheckoutTests<StripeSqliteDatabase>(database);

public sealed class PostgresStripeCheckoutTests(StripePostgresDatabase database) : StripeCheckoutTests<StripePostgresDatabase>(database);
