using Ecommerce.Core.Common;
using Ecommerce.Core.Accounts;

namespace Ecommerce.Core.Shops;

public enum MerchantStatus { Pending = 0, Approved = 1, Rejected = 2 }

/// <summary>A business selling on the platform; owned by one user, owns one or more shops.</summary>
public class Merchant
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public required string BusinessName { get; set; }
    public required string ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }
    public MerchantStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
    public List<Shop> Shops { get; set; } = [];
}
