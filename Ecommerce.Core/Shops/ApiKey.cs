using Ecommerce.Core.Common;

namespace Ecommerce.Core.Shops;

/// <summary>
/// A per-shop key for the merchant API. Only a SHA-256 hash of the secret is stored; the key is shown once
/// when created. <see cref="Prefix"/> (the first characters, not secret) finds the row and tells keys apart.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }
    public int ShopId { get; set; }
    public Shop? Shop { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public required string CreatedByUserId { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
