using AngleSharp.Html.Parser;
using MimeKit;

namespace Ecommerce.Tests.Accounts;

/// <summary>Reads account mail from the app's pickup folder as a mail client would.</summary>
internal static class AccountMail
{
    /// <summary>The first link of the newest mail to <paramref name="to"/> with that subject, waiting for it a little.</summary>
    public static async Task<string> LinkAsync(string dataFolder, string to, string subject, DateTime since)
    {
        var folder = Path.Combine(dataFolder, "mail");
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(100))
        {
            var mail = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Where(f => File.GetLastWriteTimeUtc(f) >= since.AddSeconds(-1))
                    .Select(f => MimeMessage.Load(f))
                    .Where(m => m.To.Mailboxes.Any(b => b.Address == to) && m.Subject == subject)
                    .MaxBy(m => m.Date)
                : null;
            if (mail is not null)
            {
                var body = new HtmlParser().ParseDocument(mail.HtmlBody ?? mail.TextBody ?? "");
                return body.QuerySelector("a[href]")?.GetAttribute("href")
                    ?? throw new Xunit.Sdk.XunitException($"The mail '{subject}' to {to} has no link.");
            }
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"No mail '{subject}' to {to}. Recent mail: " + string.Join("; ",
                    Directory.GetFiles(folder, "*.eml").Where(f => File.GetLastWriteTimeUtc(f) >= since.AddSeconds(-1))
                        .Select(f => MimeMessage.Load(f)).Select(m => $"{m.To} '{m.Subject}'")));
        }
    }
}
