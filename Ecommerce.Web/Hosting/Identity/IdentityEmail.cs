using System.Text.Encodings.Web;
using Ecommerce.Core.Accounts;
using CoreEmail = Ecommerce.Core.Email;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Identity's two email abstractions (the default UI's and the API endpoints') delivered through Core's sender,
/// so account mail goes wherever all platform mail goes (SMTP, or the development pickup folder).
/// </summary>
internal sealed class IdentityEmailSender(CoreEmail.IEmailSender sender) :
    Microsoft.AspNetCore.Identity.UI.Services.IEmailSender,
    Microsoft.AspNetCore.Identity.IEmailSender<AppUser>
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        sender.SendAsync(new CoreEmail.EmailMessage(email, subject, htmlMessage));

    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        SendEmailAsync(email, "Confirm your email",
            $"<p>Welcome to the marketplace.</p><p><a href=\"{HtmlEncoder.Default.Encode(confirmationLink)}\">Confirm your email address</a>.</p>");

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        SendEmailAsync(email, "Reset your password",
            $"<p><a href=\"{HtmlEncoder.Default.Encode(resetLink)}\">Choose a new password</a>. If you did not ask for this, ignore this email.</p>");

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        SendEmailAsync(email, "Your password reset code",
            $"<p>Your password reset code is <strong>{HtmlEncoder.Default.Encode(resetCode)}</strong>.</p>");
}

internal static class IdentityEmailRegistration
{
    public static IServiceCollection AddIdentityEmail(this IServiceCollection services)
    {
        services.AddSingleton<IdentityEmailSender>();
        services.AddSingleton<Microsoft.AspNetCore.Identity.UI.Services.IEmailSender>(sp => sp.GetRequiredService<IdentityEmailSender>());
        services.AddSingleton<Microsoft.AspNetCore.Identity.IEmailSender<AppUser>>(sp => sp.GetRequiredService<IdentityEmailSender>());
        return services;
    }
}
