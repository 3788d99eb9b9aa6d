using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Payments;

/// <summary>
/// A provider's word that a payment succeeded or failed: a verified webhook, the Sandbox's simulated one, or the
/// checkout's own synchronous answer. <see cref="EventId"/> is the provider's event id (or one derived from the
/// payment), so the same notice accepted twice is recognised. A webhook also states the <see cref="Amount"/> and
/// <see cref="Currency"/> it reports, and is believed only if they are the payment's (OrderPayments).
/// </summary>
public sealed record PaymentNotice(string Provider, string EventId, int OrderId, string? ProviderPaymentId, bool Succeeded,
    string? Code = null, string? Message = null, decimal? Amount = null, string? Currency = null);

/// <summary>
/// Accepts payment notices into the outbox: the notice id is recorded and <c>payment.succeeded</c> or
/// <c>payment.failed</c> is enqueued in one transaction, and the pipeline (OrderPayments) applies it. A notice
/// delivered twice is accepted once; the handler is idempotent as well.
/// </summary>
public sealed class PaymentNotifications(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Returns false when this notice was already accepted.</summary>
    public Task<bool> AcceptAsync(PaymentNotice notice, CancellationToken cancellationToken = default) =>
        AcceptAsync(notice, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Accepts a notice that the pipeline applies only after <paramref name="dueAfter"/> (the Sandbox's simulated
    /// webhook delay). Returns false when this notice was already accepted.
    /// </summary>
    public async Task<bool> AcceptAsync(PaymentNotice notice, TimeSpan dueAfter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = db.IsSqlServer
            ? await db.Database.ExecuteSqlRawAsync(SqlServer.InsertNotification, [notice.Provider, notice.EventId, clock.GetUtcNow().UtcDateTime], cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                INSERT INTO payment_notifications (provider, event_id, received_at) VALUES ({notice.Provider}, {notice.EventId}, {clock.GetUtcNow().UtcDateTime})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        if (inserted == 0) return false;
        var message = db.Enqueue(notice.Succeeded ? EventTypes.PaymentSucceeded : EventTypes.PaymentFailed, notice);
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime + dueAfter;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [SqlServerStatements]
    internal static class SqlServer
    {
        // SQL Server has no ON CONFLICT: the key range stays locked (UPDLOCK, HOLDLOCK) from the check to the insert,
        // so a second delivery of the same notice waits and then inserts nothing.
        public const string InsertNotification = """
            INSERT INTO payment_notifications (provider, event_id, received_at)
            SELECT {0}, {1}, {2}
             WHERE NOT EXISTS (SELECT 1 FROM payment_notifications WITH (UPDLOCK, HOLDLOCK) WHERE provider = {0} AND event_id = {1});
            """;
    }
}
