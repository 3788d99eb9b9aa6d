using Ecommerce.Core.Payments;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Checkout;

/// <summary>A test database for checkout: a clock the test can move forward, and the payment provider below (behind <see cref="HeldChargeGateway"/>).</summary>
public interface ICheckoutDatabase
{
    TestClock Clock { get; }
}

/// <summary>
/// The system clock plus an offset the test advances, so reservation and payment deadlines pass without waiting.
/// Every Core service gets it through DI; it only ever moves forward.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public DateTime Now => GetUtcNow().UtcDateTime;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// The Sandbox provider, plus one card it does not know: like a provider's "authentication required" test card,
/// 4000 0000 0000 3220 starts a payment that the shopper never completes (no confirmation ever comes, and the
/// provider reports it as not paid). That is how an order stays unpaid until its deadline. And 4000 0000 0000 0036
/// starts a payment the provider keeps reporting as "processing" (a slow bank transfer, say).
/// </summary>
public sealed class AbandoningGateway(SandboxPaymentGateway sandbox) : IPaymentGateway
{
    public const string AbandonedCard = "4000000000003220";
    public const string StuckCard = "4000000000000036";

    public string Name => sandbox.Name;

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        request.Method.DigitsOnly switch
        {
            AbandonedCard => Task.FromResult(new ChargeResult(ChargeStatus.Processing, "sbx_3ds_" + Guid.NewGuid().ToString("N"))),
            StuckCard => Task.FromResult(new ChargeResult(ChargeStatus.Processing, "sbx_stuck_" + Guid.NewGuid().ToString("N"))),
            _ => sandbox.ChargeAsync(request, cancellationToken),
        };

    public Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default) =>
        providerPaymentId.StartsWith("sbx_stuck_", StringComparison.Ordinal)
            ? Task.FromResult(new ChargeResult(ChargeStatus.Processing, providerPaymentId))
            : sandbox.GetAsync(providerPaymentId, cancellationToken); // not "sbx_ok_": reported as not paid

    // An abandoned payment that a test later reports as paid (the shopper finished after all) can be refunded.
    public Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default) =>
        providerPaymentId.StartsWith("sbx_3ds_", StringComparison.Ordinal)
            ? Task.FromResult(new RefundResult(true, "sbx_re_" + idempotencyKey))
            : sandbox.RefundAsync(providerPaymentId, amount, currency, idempotencyKey, cancellationToken);
}

internal static class CheckoutTestServices
{
    /// <summary>Short Sandbox confirmations; the deadlines stay at their defaults (the clock moves past them).</summary>
    public static void Configure(Dictionary<string, string?> settings) =>
        settings["Payments:SandboxConfirmationDelay"] = "00:00:00.020";

    public static void Add(IServiceCollection services, TestClock clock)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<SandboxPaymentGateway>();
        services.AddSingleton<AbandoningGateway>();
        services.AddSingleton<HeldChargeGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<HeldChargeGateway>());
    }
}

public sealed class CheckoutSqliteDatabase : SqliteTestDatabase, ICheckoutDatabase
{
    public TestClock Clock { get; } = new();
    protected override void Configure(Dictionary<string, string?> settings) => CheckoutTestServices.Configure(settings);
    protected override void ConfigureServices(IServiceCollection services) => CheckoutTestServices.Add(services, Clock);
}

public sealed class CheckoutPostgresDatabase : PostgresTestDatabase, ICheckoutDatabase
{
    public TestClock Clock { get; } = new();
    protected override void Configure(Dictionary<string, string?> settings) => CheckoutTestServices.Configure(settings);
    protected override void ConfigureServices(IServiceCollection services) => CheckoutTestServices.Add(services, Clock);
}

public sealed class CheckoutSqlServerDatabase : SqlServerTestDatabase, ICheckoutDatabase
{
    public TestClock Clock { get; } = new();
    protected override void Configure(Dictionary<string, string?> settings) => CheckoutTestServices.Configure(settings);
    protected override void ConfigureServices(IServiceCollection services) => CheckoutTestServices.Add(services, Clock);
}
