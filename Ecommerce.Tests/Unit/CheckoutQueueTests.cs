using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Microsoft.Extensions.Options;

namespace Ecommerce.Tests.Unit;

/// <summary>The node's checkout queue: so many at once, the others in arrival order, one too many told to come back.</summary>
public sealed class CheckoutQueueTests
{
    private static CheckoutQueue Queue(int concurrency, int queueLength) =>
        new(Options.Create(new CheckoutOptions { Concurrency = concurrency, QueueLength = queueLength }));

    [Fact]
    public async Task Waiters_get_their_turn_oldest_first_and_one_past_the_queue_is_told_to_try_again()
    {
        using var queue = Queue(concurrency: 1, queueLength: 2);
        var first = await queue.EnterAsync();
        var second = queue.EnterAsync().AsTask();
        var third = queue.EnterAsync().AsTask();
        var refused = await Assert.ThrowsAsync<TooBusyException>(() => queue.EnterAsync().AsTask());
        Assert.Contains("nothing was ordered or charged", refused.Message);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_place_given_back_twice_frees_one_place()
    {
        using var queue = Queue(concurrency: 1, queueLength: 0);
        var place = await queue.EnterAsync();
        place.Dispose();
        place.Dispose();
        using var next = await queue.EnterAsync();
        await Assert.ThrowsAsync<TooBusyException>(() => queue.EnterAsync().AsTask());
    }

    [Fact]
    public async Task Zero_turns_the_queue_off()
    {
        using var queue = Queue(concurrency: 0, queueLength: 0);
        var places = new List<IDisposable>();
        for (var i = 0; i < 100; i++) places.Add(await queue.EnterAsync());
        Assert.Equal(100, places.Count);
    }
}
