using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Core.Payments;

/// <summary>
/// The Stripe-Signature header as Stripe documents it: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c>, where each v1
/// is HMAC-SHA256 of "{t}.{raw body}" keyed with the endpoint's signing secret. Any matching v1 is accepted (Stripe
/// sends one per active secret while a secret is being rolled); other schemes (v0) are ignored; the timestamp must be
/// within <see cref="Tolerance"/> of now, either way, so a captured delivery cannot be replayed later.
/// </summary>
public sealed class StripeSignature(string secret, TimeProvider clock)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Null when the header proves that Stripe sent this very body just now; otherwise why not.</summary>
    public string? Problem(ReadOnlySpan<byte> payload, string? header)
    {
        if (string.IsNullOrEmpty(secret)) return "no webhook signing secret is configured";
        if (string.IsNullOrWhiteSpace(header)) return "the Stripe-Signature header is missing";

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0) continue;
            var (key, value) = (item[..equals].Trim(), item[(equals + 1)..].Trim());
            if (key == "t" && timestamp is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (key == "v1" && value.Length == 64 && TryHex(value) is { } bytes) signatures.Add(bytes);
        }
        if (timestamp is null) return "the Stripe-Signature header has no timestamp";
        if (signatures.Count == 0) return "the Stripe-Signature header has no v1 signature";

        var expected = Compute(secret, timestamp.Value, payload);
        // Every candidate is compared in constant time, and all of them, so timing says nothing about which one was close.
        var matched = false;
        foreach (var signature in signatures) matched |= CryptographicOperations.FixedTimeEquals(signature, expected);
        if (!matched) return "no signature matches the body";

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp.Value, 0, 253402300799));
        return age.Duration() > Tolerance
            ? $"the signature's timestamp is {(age > TimeSpan.Zero ? "too old" : "in the future")} ({age.Duration().TotalSeconds:0} s off, at most {Tolerance.TotalSeconds:0} s allowed)"
            : null;
    }

    /// <summary>HMAC-SHA256 of "{timestamp}.{payload}" with the secret (the whole "whsec_…" string is the key).</summary>
    public static byte[] Compute(string secret, long timestamp, ReadOnlySpan<byte> payload)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>The header Stripe would send for this body at this time (for tests and local tools).</summary>
    public static string Header(string secret, DateTimeOffset at, ReadOnlySpan<byte> payload)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp},v1={Convert.ToHexStringLower(Compute(secret, timestamp, payload))}";
    }

    private static byte[]? TryHex(string value)
    {
        try { return Convert.FromHexString(value); }
        catch (FormatException) { return null; }
    }
}
