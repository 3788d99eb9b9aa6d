using Ecommerce.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Ecommerce.Core.Email;

/// <summary>Development mail: each message becomes an .eml file (openable in any mail client) and a log line.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailSettings> options, DatabaseSettings database, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public string Folder { get; } = Path.Combine(database.DataFolder, options.Value.PickupFolder);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        using var mail = MailMessages.Create(options.Value.From, message);
        // Named after the key when there is one, so sending the same mail again replaces it rather than adding a second.
        var path = Path.Combine(Folder, message.Key is null ? $"{Guid.NewGuid():N}.eml" : FileNameFor(message.Key));
        // Written aside, then moved in: a reader of the folder never sees half a message.
        var scratch = Path.Combine(Folder, $".{Guid.NewGuid():N}.sending");
        try
        {
            await mail.WriteToAsync(scratch, cancellationToken);
            File.Move(scratch, path, overwrite: true);
        }
        finally
        {
            File.Delete(scratch); // nothing left when it was moved
        }
        logger.LogInformation("Email to {To} written to {Folder}: {Subject}", message.To, Folder, message.Subject);
    }

    private static string FileNameFor(string key) =>
        string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";
}

/// <summary>
/// Mail over SMTP with MailKit, one connection per message (mail is sent by outbox handlers, a few at a time).
/// <see cref="EmailSettings.SmtpUseSsl"/>: TLS from the first byte on port 465, otherwise STARTTLS, required (a server
/// that does not offer it is refused rather than sent the password in the clear); off: plain SMTP, for a local relay.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailSettings> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        using var mail = MailMessages.Create(settings.From, message);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        var security = !settings.SmtpUseSsl ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set."), settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Email to {To} sent over SMTP: {Subject}", message.To, message.Subject);
    }
}

internal static class MailMessages
{
    /// <summary>The MIME message of <paramref name="message"/>: an HTML body; the To may list several addresses.</summary>
    public static MimeMessage Create(string from, EmailMessage message)
    {
        var mail = new MimeMessage { Subject = message.Subject, Body = new TextPart(TextFormat.Html) { Text = message.HtmlBody } };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.AddRange(InternetAddressList.Parse(message.To));
        return mail;
    }
}
