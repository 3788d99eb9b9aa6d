using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Email;

/// <summary>
/// Sends a notification once per key, without holding a database write open while the mail goes out (on SQLite that
/// would lock every other write for the whole SMTP round trip). Three short steps: claim the key (a "sending:" row whose
/// sent_at is the end of the claim's lease), send with no transaction open, then record the key as sent and drop the
/// claim in one transaction. A process killed after the claim leaves it to lapse: the outbox redelivers the event after
/// its own lease, the claim is taken over and the mail sent. A handler that meets a live claim of another fails, so its
/// event is retried after a backoff rather than marked done. The message carries the key, so a resend replaces the same
/// pickup file; over SMTP a crash between the send and the record can send twice (at least once, never lost).
/// </summary>
public sealed class OnceOnlyEmail(IDbContextFactory<AppDbContext> contexts, IEmailSender sender, IOptions<OutboxOptions> outbox, TimeProvider clock)
{
    private const string ClaimPrefix = "sending:";

    /// <summary>Returns false when this key was already sent.</summary>
    public async Task<bool> SendAsync(string key, EmailMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await SentAsync(db, key, cancellationToken)) return false;
        if (!await ClaimAsync(db, key, message.To, cancellationToken))
        {
            if (await SentAsync(db, key, cancellationToken)) return false;
            throw new EmailBeingSentException(key);
        }
        // Sent by another handler between the first look and the claim (its record is written before its claim is dropped).
        if (await SentAsync(db, key, cancellationToken))
        {
            await DropClaimAsync(db, key);
            return false;
        }

        try
        {
            await sender.SendAsync(message with { Key = key }, cancellationToken);
        }
        catch
        {
            // A send known to have failed need not wait out its lease: the event's retry may claim it at once.
            await DropClaimAsync(db, key);
            throw;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await InsertIfAbsentAsync(db, key, message.To, Now, CancellationToken.None);
        await DropClaimAsync(db, key);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private static Task<int> DropClaimAsync(AppDbContext db, string key)
    {
        var claim = ClaimPrefix + key;
        return db.SentEmails.Where(e => e.Key == claim).ExecuteDeleteAsync(CancellationToken.None);
    }

    private static Task<bool> SentAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        db.SentEmails.AnyAsync(e => e.Key == key, cancellationToken);

    /// <summary>
    /// A new claim, or one whose lease lapsed (its sender died), taken over by one conditional statement. The lease is
    /// the outbox's: the event is not redelivered before its own lease ends, so a live claim means a live sender.
    /// </summary>
    private async Task<bool> ClaimAsync(AppDbContext db, string key, string recipient, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + outbox.Value.LeaseDuration;
        var claim = ClaimPrefix + key;
        if (await InsertIfAbsentAsync(db, claim, recipient, until, cancellationToken) == 1)
            return true;
        return await db.SentEmails.Where(e => e.Key == claim && e.SentAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAt, until), cancellationToken) == 1;
    }

    private static Task<int> InsertIfAbsentAsync(AppDbContext db, string key, string recipient, DateTime sentAt, CancellationToken cancellationToken) =>
        db.IsSqlServer
            ? db.Database.ExecuteSqlRawAsync(SqlServer.InsertIfAbsent, [key, recipient, sentAt], cancellationToken)
            : db.Database.ExecuteSqlAsync(
                $"INSERT INTO sent_emails (key, recipient, sent_at) VALUES ({key}, {recipient}, {sentAt}) ON CONFLICT DO NOTHING", cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [SqlServerStatements]
    internal static class SqlServer
    {
        // No ON CONFLICT on SQL Server: the key stays locked from the check to the insert (KEY is a reserved word there).
        public const string InsertIfAbsent = """
            INSERT INTO sent_emails ([key], recipient, sent_at)
            SELECT {0}, {1}, {2}
             WHERE NOT EXISTS (SELECT 1 FROM sent_emails WITH (UPDLOCK, HOLDLOCK) WHERE [key] = {0});
            """;
    }
}

/// <summary>Another handler holds a live claim on this email: the event fails and is retried after its backoff.</summary>
public sealed class EmailBeingSentException(string key) : Exception($"The email '{key}' is being sent by another handler; it will be retried.");
