namespace Ecommerce.Core.Email;

public sealed record EmailMessage(string To, string Subject, string HtmlBody);

/// <summary>Sends mail: over SMTP when configured, otherwise into the data folder's pickup folder.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
