using System.Collections.Concurrent;
using Ecommerce.Core.Payments;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// The checkout tests' provider, in front of <see cref="AbandoningGateway"/>: it counts the charge requests that reach
/// the provider per order (answered or not), and knows two more cards for the double-submit and crash cases.
/// 4000 0000 0000 0077 is held at the provider until the test releases it; while one charge of an order is held, another
/// with the same idempotency key is answered "in progress", as Stripe does (409). 4000 0000 0000 0101 never reaches the
/// provider on an order's first charge: the checkout's process "dies" after committing the order and before asking.
/// </summary>
public sealed class HeldChargeGateway(AbandoningGateway provider) : IPaymentGateway
{
    public const string HeldCard = "4000000000000077";
    public const string CrashingCard = "4000000000000101";

    private readonly ConcurrentDictionary<int, int> _charges = new();
    private readonly ConcurrentDictionary<string, byte> _inFlight = new();
    private readonly ConcurrentDictionary<int, byte> _crashed = new();
    private TaskCompletionSource _release = Completed();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => provider.Name;

    /// <summary>How many charge requests of this order reached the provider, including any answered "in progress".</summary>
    public int ChargeRequestsOf(int orderId) => _charges.GetValueOrDefault(orderId);

    /// <summary>From now on, charges with <see cref="HeldCard"/> wait at the provider; the task completes when the first arrives.</summary>
    public Task HoldCharges()
    {
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _arrived.Task;
    }

    public void ReleaseCharges() => _release.TrySetResult();

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        var card = request.Method.DigitsOnly;
        if (card == CrashingCard && _crashed.TryAdd(request.OrderId, 0))
            throw new ProcessDiedException();
        _charges.AddOrUpdate(request.OrderId, 1, (_, n) => n + 1);
        if (!_inFlight.TryAdd(request.IdempotencyKey, 0))
            return new ChargeResult(ChargeStatus.Processing, null, "in_progress");
        try
        {
            if (card == HeldCard)
            {
                _arrived.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }
            return await provider.ChargeAsync(request, cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(request.IdempotencyKey, out _);
        }
    }

    public Task<ChargeResult> GetAsync(string providerPaymentId, CancellationToken cancellationToken = default) =>
        provider.GetAsync(providerPaymentId, cancellationToken);

    public Task<RefundResult> RefundAsync(string providerPaymentId, decimal amount, string currency, string idempotencyKey, CancellationToken cancellationToken = default) =>
        provider.RefundAsync(providerPaymentId, amount, currency, idempotencyKey, cancellationToken);

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}

/// <summary>Stands for a checkout process killed between committing its order and asking the provider.</summary>
public sealed class ProcessDiedException() : Exception("The checkout's process died before it asked the provider.");
