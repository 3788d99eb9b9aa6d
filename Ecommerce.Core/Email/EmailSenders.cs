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
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Folder };
        await client.SendMailAsync(mail, cancellationToken);
        logger.LogInformation("Email to {To} written to {Folder}: {Subject}", message.To, Folder, message.Subject);
    }

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
