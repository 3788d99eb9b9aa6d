using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Email;

/// <summary>
/// Sends a notification at most once per key. The key is claimed first (a unique row); if sending then fails the
/// claim is removed and the error rethrown, so the outbox retries and the mail still goes out exactly once.
/// </summary>
public sealed class OnceOnlyEmail(IDbContextFactory<AppDbContext> contexts, IEmailSender sender, TimeProvider clock)
{
    /// <summary>Returns false when this key was already sent.</summary>
    public async Task<bool> SendAsync(string key, EmailMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sent_emails (key, recipient, sent_at) VALUES ({key}, {message.To}, {clock.GetUtcNow().UtcDateTime}) ON CONFLICT DO NOTHING", cancellationToken);
        if (claimed == 0) return false;
        try
        {
            await sender.SendAsync(message, cancellationToken);
            return true;
        }
        catch
        {
            await db.Set<SentEmail>().Where(e => e.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }
}
