using Ecommerce.Core.Common;

namespace Ecommerce.Core.Audit;

/// <summary>
/// One admin action or sensitive merchant action: who did what to which thing, when, and the state before and after
/// (JSON, as small as the change). Never updated or deleted.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    [Stamped] public DateTime At { get; set; }

    /// <summary>The user's id, or null for an API key or the system.</summary>
    public string? ActorId { get; set; }
    /// <summary>What a reader sees: the user's email, "api-key:{prefix}" or "system".</summary>
    public required string ActorName { get; set; }

    /// <summary>A dotted verb, e.g. "shop.suspended", "product.price-changed", "order.refunded".</summary>
    public required string Action { get; set; }
    /// <summary>The kind of thing acted on ("shop", "product", "order", "user", "api-key"...).</summary>
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }

    /// <summary>The shop concerned, when there is one, so a merchant's actions can be listed by shop.</summary>
    public int? ShopId { get; set; }
    public string? Reason { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>Who is acting, as the audit log names them.</summary>
public sealed record AuditActor(string? UserId, string Name)
{
    public static readonly AuditActor System = new(null, "system");
    public static AuditActor User(string userId, string? email) => new(userId, email ?? userId);
    public static AuditActor ApiKey(string prefix) => new(null, "api-key:" + prefix);
}
