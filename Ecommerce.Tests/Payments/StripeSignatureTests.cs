using System.Text;
using Ecommerce.Core.Payments;

namespace Ecommerce.Tests.Payments;

/// <summary>The Stripe-Signature header, checked as Stripe documents it (t=…, v1=…; HMAC-SHA256 of "t.body"; 5 minutes).</summary>
public sealed class StripeSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private const string Body = """{"id":"evt_1","object":"event"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string? Check(string? header, string body = Body, DateTimeOffset? now = null) =>
        new StripeSignature(Secret, new FixedClock(now ?? Now)).Problem(Encoding.UTF8.GetBytes(body), header);

    [Fact]
    public void The_signature_is_hmac_sha256_of_timestamp_dot_body_in_lower_case_hex()
    {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_secret', b'1700000000.' + body, hashlib.sha256).hexdigest())"
        const string expected = "0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd";
        Assert.Equal($"t=1700000000,v1={expected}", StripeSignature.Header(Secret, Now, Encoding.UTF8.GetBytes(Body)));
        Assert.Null(Check($"t=1700000000,v1={expected}"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-299)]  // sent 4 min 59 s ago
    [InlineData(299)]   // the sender's clock is a little ahead
    public void A_genuine_signature_within_five_minutes_is_accepted(int offsetSeconds) =>
        Assert.Null(Check(StripeSignature.Header(Secret, Now.AddSeconds(offsetSeconds), Encoding.UTF8.GetBytes(Body))));

    [Fact]
    public void Any_matching_v1_is_accepted_and_other_schemes_are_ignored()
    {
        var genuine = StripeSignature.Header(Secret, Now, Encoding.UTF8.GetBytes(Body)).Split(',')[1];
        var old = StripeSignature.Header("whsec_rolled_secret", Now, Encoding.UTF8.GetBytes(Body)).Split(',')[1];
        Assert.Null(Check($"t={Now.ToUnixTimeSeconds()},{old},v0=deadbeef,{genuine}"));
        Assert.Null(Check($" t={Now.ToUnixTimeSeconds()} , {genuine} ")); // spaces around items
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused() =>
        Assert.Equal("no signature matches the body", Check(StripeSignature.Header("whsec_attacker", Now, Encoding.UTF8.GetBytes(Body))));

    [Fact]
    public void A_body_changed_after_signing_is_refused()
    {
        var header = StripeSignature.Header(Secret, Now, Encoding.UTF8.GetBytes(Body));
        Assert.Equal("no signature matches the body", Check(header, Body.Replace("evt_1", "evt_2")));
        Assert.Equal("no signature matches the body", Check(header, Body + " ")); // not even whitespace may change
    }

    [Fact]
    public void A_timestamp_changed_after_signing_is_refused()
    {
        var signature = StripeSignature.Header(Secret, Now, Encoding.UTF8.GetBytes(Body)).Split(',')[1];
        Assert.Equal("no signature matches the body", Check($"t={Now.ToUnixTimeSeconds() + 1},{signature}"));
    }

    [Theory]
    [InlineData(-301, "too old")]
    [InlineData(-86_400, "too old")]
    [InlineData(301, "in the future")]
    public void A_genuine_signature_outside_five_minutes_is_refused(int offsetSeconds, string why) =>
        Assert.Contains(why, Check(StripeSignature.Header(Secret, Now.AddSeconds(offsetSeconds), Encoding.UTF8.GetBytes(Body))));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("garbage", "no timestamp")]
    [InlineData("v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd", "no timestamp")]
    [InlineData("t=abc,v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd", "no timestamp")]
    [InlineData("t=1700000000", "no v1 signature")]
    [InlineData("t=1700000000,v0=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd", "no v1 signature")]
    [InlineData("t=1700000000,v1=not-hex", "no v1 signature")]
    [InlineData("t=1700000000,v1=0c8670ed", "no v1 signature")]
    public void A_missing_or_malformed_header_is_refused_with_the_reason(string? header, string why) =>
        Assert.Contains(why, Check(header));

    [Fact]
    public void Without_a_secret_nothing_is_accepted() =>
        Assert.NotNull(new StripeSignature("", new FixedClock(Now)).Problem(Encoding.UTF8.GetBytes(Body), StripeSignature.Header("", Now, Encoding.UTF8.GetBytes(Body))));
}
