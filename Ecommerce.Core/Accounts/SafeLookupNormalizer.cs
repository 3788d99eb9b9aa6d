using Ecommerce.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Core.Accounts;

/// <summary>
/// Identity's <see cref="UpperInvariantLookupNormalizer"/>, except that an email or user name .NET cannot normalise
/// (U+FFFE, a broken surrogate) is upper-cased as it is instead of throwing: a log-in with it finds nobody, and
/// registering it fails Identity's own user-name rule, where it used to be a 500 in every account form and endpoint.
/// </summary>
public sealed class SafeLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Normalize(name);

    public string? NormalizeEmail(string? email) => Normalize(email);

    private static string? Normalize(string? key) =>
        key is null ? null : (UnicodeText.IsWellFormed(key) ? key.Normalize() : key).ToUpperInvariant();
}
