using System.Security.Cryptography;
using System.Text;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A key just created: <see cref="Secret"/> is shown this once and never stored.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Prefix, string Secret);

/// <summary>
/// Per-shop keys for the merchant API. A secret looks like <c>mk_ab12cd34_&lt;43 base64url chars&gt;</c>: the
/// public part <c>mk_ab12cd34</c> is stored as the prefix (it finds the row and tells keys apart in the console),
/// the whole secret only as a SHA-256 hash. Only the shop's owner may create, list or revoke its keys.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const string Marker = "mk_";
    private const int IdLength = 8;
    private const int MinBodyLength = 16; // the demo key's body is shorter than a generated one (43)
    private const int MaxBodyLength = 100;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string userId, int shopId, string name, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) throw ValidationException.For("name", "is required");
        if (name.Length > 100) throw ValidationException.For("name", "must be at most 100 characters");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerAsync(db, userId, shopId, cancellationToken);

        var prefix = Marker + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", IdLength);
        var secret = $"{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var key = new ApiKey
        {
            ShopId = shopId, Name = name, Prefix = prefix, Hash = HashOf(secret), CreatedByUserId = userId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var actor = await db.ActorAsync(userId, null, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken); // the key's id names the audit entry's subject
        db.Record(actor, "api-key.created", "api-key", key.Id.ToString(), shopId,
            after: new { key.Name, key.Prefix });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedApiKey(key.Id, key.Name, key.Prefix, secret);
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(string userId, int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerAsync(db, userId, shopId, cancellationToken);
        return await db.ApiKeys.AsNoTracking().Where(k => k.ShopId == shopId).OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes at once (the next request with it is refused); revoking twice is harmless.</summary>
    public async Task RevokeAsync(string userId, int shopId, int keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerAsync(db, userId, shopId, cancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.ShopId == shopId, cancellationToken)
            ?? throw new NotFoundException($"API key {keyId}");
        if (key.RevokedAt is not null) return;
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        db.Record(await db.ActorAsync(userId, null, cancellationToken), "api-key.revoked", "api-key", key.Id.ToString(), shopId,
            before: new { key.Name, key.Prefix, revoked = false }, after: new { key.Name, key.Prefix, revoked = true });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The shop a secret acts for, or null: malformed, unknown, wrong, revoked, or its shop is suspended.</summary>
    public async Task<int?> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (PrefixOf(secret) is not { } prefix) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.ShopId, k.Hash, k.RevokedAt, k.LastUsedAt, ShopStatus = k.Shop!.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret!)), Encoding.ASCII.GetBytes(key.Hash)))
            return null;
        if (key.RevokedAt is not null || key.ShopStatus != ShopStatus.Active) return null;

        // Written at most once a minute per key, so a busy client does not turn every read into a write.
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            var before = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return key.ShopId;
    }

    /// <summary>
    /// Demo mode: gives the demo merchant's main shop the key <paramref name="secret"/> (setting Demo:MerchantApiKey),
    /// so scripts and load tests can call the API at once. Returns false when the secret or the shop is missing.
    /// </summary>
    public async Task<bool> EnsureDemoKeyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (PrefixOf(secret) is not { } prefix) throw ValidationException.For("Demo:MerchantApiKey", $"must look like {Marker}xxxxxxxx_<at least {MinBodyLength} characters>");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.Where(s => s.Slug == DemoSeeder.MainShopSlug).Select(s => new { s.Id, s.Merchant!.UserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (shop is null) return false;
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (key is null)
        {
            db.ApiKeys.Add(new ApiKey
            {
                ShopId = shop.Id, Name = "Demo key (Demo:MerchantApiKey)", Prefix = prefix, Hash = HashOf(secret),
                CreatedByUserId = shop.UserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        else if (key.ShopId == shop.Id)
        {
            key.Hash = HashOf(secret); // the setting is the source of truth; a revoked demo key stays revoked
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The stored prefix (mk_ + 8 characters) of a well-formed secret; null for anything else.</summary>
    public static string? PrefixOf(string? secret)
    {
        if (secret is null || secret.Length < Marker.Length + IdLength + 1 + MinBodyLength || secret.Length > Marker.Length + IdLength + 1 + MaxBodyLength)
            return null;
        if (!secret.StartsWith(Marker, StringComparison.Ordinal) || secret[Marker.Length + IdLength] != '_') return null;
        var id = secret.AsSpan(Marker.Length, IdLength);
        var body = secret.AsSpan(Marker.Length + IdLength + 1);
        foreach (var c in id) if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))) return null;
        foreach (var c in body) if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        return secret[..(Marker.Length + IdLength)];
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task EnsureOwnerAsync(AppDbContext db, string userId, int shopId, CancellationToken cancellationToken)
    {
        if (!await db.Shops.AnyAsync(s => s.Id == shopId && s.Merchant!.UserId == userId, cancellationToken))
            throw new NotFoundException($"Shop {shopId}");
    }
}
