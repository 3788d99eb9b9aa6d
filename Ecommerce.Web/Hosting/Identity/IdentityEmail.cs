using System.Net;
using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Ecommerce.Core.Accounts;
using CoreEmail = Ecommerce.Core.Email;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Identity's two email abstractions (the default UI's and the API endpoints') delivered through Core's sender,
/// so account mail goes wherever all platform mail goes (SMTP, or the development pickup folder). Every link in
/// them is moved onto the site's public address (<see cref="PublicSiteUrl"/>), whatever Host the request named.
/// </summary>
internal sealed class IdentityEmailSender(CoreEmail.IEmailSender sender, PublicSiteUrl site) :
    Microsoft.AspNetCore.Identity.UI.Services.IEmailSender,
    Microsoft.AspNetCore.Identity.IEmailSender<AppUser>
{
    /// <summary>The Identity pages' mail: HTML they wrote, whose links are rebased here.</summary>
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var document = new HtmlParser().ParseDocument("<body>" + htmlMessage);
        foreach (var link in document.QuerySelectorAll("a[href]")) link.SetAttribute("href", site.Rebase(link.GetAttribute("href")!));
        return Send(email, subject, document.Body!.InnerHtml);
    }

    // Identity's API endpoints pass their links HTML-encoded already: decoded here, rebased, encoded once.
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        Send(email, "Confirm your email",
            $"<p>Welcome to the marketplace.</p><p><a href=\"{PublicLink(confirmationLink)}\">Confirm your email address</a>.</p>");

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        Send(email, "Reset your password",
            $"<p><a href=\"{PublicLink(resetLink)}\">Choose a new password</a>. If you did not ask for this, ignore this email.</p>");

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        Send(email, "Your password reset code",
            $"<p>Your password reset code is <strong>{HtmlEncoder.Default.Encode(resetCode)}</strong>.</p>");

    /// <summary>Sent instead of a confirmation when someone registers with an address that has an account.</summary>
    public Task SendAccountExistsAsync(string email) =>
        Send(email, "You already have an account",
            $"<p>Someone, perhaps you, tried to register with this address, which already has an account.</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(new Uri(site.Origin, "Identity/Account/Login").AbsoluteUri)}\">Log in</a> or " +
            $"<a href=\"{HtmlEncoder.Default.Encode(new Uri(site.Origin, "Identity/Account/ForgotPassword").AbsoluteUri)}\">choose a new password</a>. " +
            "If it was not you, you can ignore this email.</p>");

    private string PublicLink(string encodedLink) => HtmlEncoder.Default.Encode(site.Rebase(WebUtility.HtmlDecode(encodedLink)));

    private Task Send(string email, string subject, string html) => sender.SendAsync(new CoreEmail.EmailMessage(email, subject, html));
}

internal static class IdentityEmailRegistration
{
    public static IServiceCollection AddIdentityEmail(this IServiceCollection services)
    {
        services.AddSingleton<PublicSiteUrl>();
        services.AddSingleton<IdentityEmailSender>();
        services.AddSingleton<Microsoft.AspNetCore.Identity.UI.Services.IEmailSender>(sp => sp.GetRequiredService<IdentityEmailSender>());
        services.AddSingleton<Microsoft.AspNetCore.Identity.IEmailSender<AppUser>>(sp => sp.GetRequiredService<IdentityEmailSender>());
        return services;
    }
}
