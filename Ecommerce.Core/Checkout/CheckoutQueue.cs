using System.Threading.RateLimiting;
using Ecommerce.Core.Common;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// The node's queue for checkouts that go to the database (holding stock, placing an order): at most
/// <see cref="CheckoutOptions.Concurrency"/> at once, the others wait their turn, oldest first, up to
/// <see cref="CheckoutOptions.QueueLength"/> (beyond it, <see cref="TooBusyException"/>). A flash-sale crowd is served
/// in arrival order and never holds more connections than the pool has, while a buyer the sold-out board answers
/// from memory takes no place in it and is not kept waiting behind the buyers who still have a chance.
/// </summary>
public sealed class CheckoutQueue : IDisposable
{
    private readonly ConcurrencyLimiter? _limiter;

    public CheckoutQueue(IOptions<CheckoutOptions> options)
    {
        var settings = options.Value;
        if (settings.Concurrency <= 0) return; // 0 turns the queue off
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.Concurrency, QueueLimit = Math.Max(0, settings.QueueLength), QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for a place; dispose it when the database work is done.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (_limiter is null) return NoPlace.Instance;
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new TooBusyException("Checkout is very busy right now; nothing was ordered or charged. Please try again in a few seconds.");
    }

    public void Dispose() => _limiter?.Dispose();

    private sealed class NoPlace : IDisposable
    {
        public static readonly NoPlace Instance = new();
        public void Dispose() { }
    }
}
