namespace Ecommerce.Core.Email;

/// <summary>The one frame of the platform's HTML mails: a title, the body, the platform's signature.</summary>
public static class MailPage
{
    /// <summary>Wraps a title and body that the caller has already HTML-encoded.</summary>
    public static string Html(string title, string body) =>
        $"<!doctype html><html><body style=\"font-family:sans-serif;max-width:40rem\"><h1 style=\"font-size:1.4rem\">{title}</h1>{body}<p style=\"color:#666\">— Marketplace</p></body></html>";
}
