using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Email;

/// <summary>
/// Sends a notification once per key. The key is claimed (a unique row) and the mail sent inside one transaction that
/// commits only after the send: a crash or a failed send before the commit leaves no claim, so the outbox's redelivery
/// sends it again, and a second handler racing on the same key waits for the first and then finds it claimed. The
/// message carries the key, so a resend after a crash between the send and the commit replaces the same pickup file.
/// </summary>
public sealed class OnceOnlyEmail(IDbContextFactory<AppDbContext> contexts, IEmailSender sender, TimeProvider clock)
{
    /// <summary>Returns false when this key was already sent.</summary>
    public async Task<bool> SendAsync(string key, EmailMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sent_emails (key, recipient, sent_at) VALUES ({key}, {message.To}, {clock.GetUtcNow().UtcDateTime}) ON CONFLICT DO NOTHING", cancellationToken);
        if (claimed == 0) return false;
        await sender.SendAsync(message with { Key = key }, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }
}
