namespace Ecommerce.Core.Email;

public sealed record EmailMessage(string To, string Subject, string HtmlBody)
{
    /// <summary>What makes this mail unique (set by OnceOnlyEmail); the pickup folder names its file after it.</summary>
    public string? Key { get; init; }
}

/// <summary>Sends mail: over SMTP when configured, otherwise into the data folder's pickup folder.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
