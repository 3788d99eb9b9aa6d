using Ecommerce.Core.Common;

namespace Ecommerce.Core.Events;

public enum OutboxStatus { Pending = 0, Processing = 1, Done = 2, Failed = 3 }

/// <summary>
/// An event written in the same transaction as the change that caused it (transactional outbox).
/// The dispatcher delivers it to every handler of its type at least once; after too many failures it is
/// parked as <see cref="OutboxStatus.Failed"/> for an admin to retry.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>Dotted name, e.g. product.registered.</summary>
    public required string Type { get; set; }
    /// <summary>JSON payload.</summary>
    public required string Payload { get; set; }
    [Stamped] public DateTime OccurredAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>Not before this time (backoff after a failure).</summary>
    [Stamped] public DateTime NextAttemptAt { get; set; }
    /// <summary>While Processing: the claim expires then, so a crashed node's events are taken again.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? LastError { get; set; }
}
