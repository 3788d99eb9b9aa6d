using System.Net;
using System.Net.Mail;
using Ecommerce.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Email;

/// <summary>Development mail: each message becomes an .eml file (openable in any mail client) and a log line.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailSettings> options, DatabaseSettings database, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public string Folder { get; } = Path.Combine(database.DataFolder, options.Value.PickupFolder);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        using var mail = CreateMailMessage(options.Value.From, message);
        if (message.Key is null)
        {
            using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Folder };
            await client.SendMailAsync(mail, cancellationToken);
        }
        else
        {
            // SmtpClient names pickup files at random; write into a scratch folder, then move the file to a name made
            // from the key, so sending the same mail again replaces it rather than adding a second one.
            var scratch = Directory.CreateDirectory(Path.Combine(Folder, ".sending", Guid.NewGuid().ToString("N")));
            try
            {
                using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = scratch.FullName })
                    await client.SendMailAsync(mail, cancellationToken);
                var written = Directory.GetFiles(scratch.FullName).Single();
                File.Move(written, Path.Combine(Folder, FileNameFor(message.Key)), overwrite: true);
            }
            finally { scratch.Delete(recursive: true); }
        }
        logger.LogInformation("Email to {To} written to {Folder}: {Subject}", message.To, Folder, message.Subject);
    }

    private static string FileNameFor(string key) =>
        string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";

    internal static MailMessage CreateMailMessage(string from, EmailMessage message) =>
        new(new MailAddress(from).ToString(), message.To, message.Subject, message.HtmlBody) { IsBodyHtml = true };
}

public sealed class SmtpEmailSender(IOptions<EmailSettings> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        using var mail = PickupFolderEmailSender.CreateMailMessage(settings.From, message);
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpUseSsl };
        if (!string.IsNullOrEmpty(settings.SmtpUser))
            client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
        await client.SendMailAsync(mail, cancellationToken);
        logger.LogInformation("Email to {To} sent over SMTP: {Subject}", message.To, message.Subject);
    }
}
