using System.Diagnostics.Metrics;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Search;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Unit;

/// <summary>
/// The platform's gauges live on the process-wide meter: each is registered once per process however many hosts the
/// process starts (tests start many), and reads through the live host started last.
/// </summary>
public sealed class PlatformGaugeTests
{
    [Fact]
    public void Gauges_read_through_the_live_host_started_last()
    {
        var hosts = new CurrentHost<string>();
        Assert.Null(hosts.Current);
        hosts.Enter("first");
        hosts.Enter("second");
        Assert.Equal("second", hosts.Current);
        hosts.Leave("second");
        Assert.Equal("first", hosts.Current);
        hosts.Leave("first");
        Assert.Null(hosts.Current);
    }

    [Fact]
    public async Task Each_gauge_is_registered_once_however_many_hosts_make_its_owner()
    {
        var first = new SqliteTestDatabase();
        var second = new SqliteTestDatabase();
        await first.InitializeAsync();
        await second.InitializeAsync();
        try
        {
            foreach (var database in new[] { first, second })
            {
                database.Services.GetRequiredService<OutboxMetrics>();
                database.Services.GetRequiredService<SearchMetrics>();
            }

            var published = new List<string>();
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter == PlatformMeter.Instance) lock (published) published.Add(instrument.Name);
            };
            listener.Start(); // publishes every instrument that exists
            foreach (var name in new[] { "ecommerce.outbox.events", "ecommerce.outbox.oldest_pending_age", "ecommerce.search.index_lag" })
                Assert.Equal(1, published.Count(n => n == name));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
