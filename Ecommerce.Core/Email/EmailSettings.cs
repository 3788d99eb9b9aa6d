namespace Ecommerce.Core.Email;

/// <summary>
/// Section "Email". With no SMTP host, mail is written as .eml files into <see cref="PickupFolder"/>
/// (relative to the data folder) and logged: the development default.
/// </summary>
public sealed class EmailSettings
{
    public const string Section = "Email";
    public string From { get; set; } = "Marketplace <no-reply@marketplace.local>";
    public string PickupFolder { get; set; } = "mail";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpUseSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
}
