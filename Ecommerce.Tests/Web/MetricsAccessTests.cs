using System.Net;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.Tests.Web;

/// <summary>Who may read /metrics: loopback by default, never through a proxy unless with the key, configured networks.</summary>
public sealed class MetricsAccessTests
{
    private static MetricsAccess Access(params (string Key, string? Value)[] settings) =>
        MetricsAccess.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => s.Value)).Build());

    private static HttpContext Request(string from, string? authorization = null, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        if (forwardedFor is not null) context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return context;
    }

    [Fact]
    public void By_default_only_this_machine_may_scrape_and_not_through_a_proxy()
    {
        var access = Access();
        Assert.True(access.Allows(Request("127.0.0.1")));
        Assert.True(access.Allows(Request("::1")));
        Assert.True(access.Allows(Request("::ffff:127.0.0.1"))); // a dual-stack listener's view of IPv4 loopback
        Assert.False(access.Allows(Request("10.0.0.5")));
        Assert.False(access.Allows(Request("127.0.0.1", forwardedFor: "203.0.113.7"))); // a local reverse proxy relaying a visitor
        Assert.False(access.Allows(Request("203.0.113.7", authorization: "Bearer anything-at-all-long-enough")));
    }

    [Fact]
    public void A_scrape_key_admits_from_anywhere_and_networks_can_be_set()
    {
        var access = Access(("Metrics:ScrapeKey", "scrape-key-0123456789"), ("Metrics:AllowedNetworks", "10.0.0.0/8"));
        Assert.True(access.Allows(Request("203.0.113.7", authorization: "Bearer scrape-key-0123456789")));
        Assert.False(access.Allows(Request("203.0.113.7", authorization: "Bearer scrape-key-0123456788")));
        Assert.True(access.Allows(Request("10.1.2.3")));
        Assert.False(access.Allows(Request("127.0.0.1"))); // the list replaces the default
        Assert.False(Access(("Metrics:AllowedNetworks", "")).Allows(Request("127.0.0.1")));
    }

    [Fact]
    public void Bad_settings_stop_the_start_naming_them()
    {
        Assert.Contains("Metrics:AllowedNetworks", Assert.Throws<InvalidOperationException>(() => Access(("Metrics:AllowedNetworks", "10.0.0.0/33"))).Message);
        Assert.Contains("Metrics:ScrapeKey", Assert.Throws<InvalidOperationException>(() => Access(("Metrics:ScrapeKey", "short"))).Message);
    }
}
