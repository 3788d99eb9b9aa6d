using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Optional encryption of the data-protection keys at rest (settings <c>DataProtection:CertificatePath</c>, a .pfx with
/// its private key, and <c>DataProtection:CertificatePassword</c>). Without it the keys are stored as plain XML, and
/// whoever can read the database (or a backup of it, or the keys folder) can forge login cookies. With it each new key
/// is encrypted to the certificate; every node needs the same certificate file. Keys written before it was set stay
/// readable. <c>DataProtection:PreviousCertificatePaths</c> (comma-separated, same password) still decrypt keys after
/// the certificate is replaced.
/// </summary>
internal static class KeyEncryptionCertificate
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder dataProtection,
        IConfiguration configuration, string contentRoot)
    {
        if (configuration["DataProtection:CertificatePath"] is not { Length: > 0 } path) return dataProtection;
        var password = configuration["DataProtection:CertificatePassword"];
        var current = Load("DataProtection:CertificatePath", Path.GetFullPath(path, contentRoot), password);
        var previous = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Load("DataProtection:PreviousCertificatePaths", Path.GetFullPath(p, contentRoot), password));
        return dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    /// <summary>The certificate with its private key, or a start-up error that names the setting.</summary>
    private static X509Certificate2 Load(string setting, string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"{setting}: no certificate file at '{path}'.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting}: '{path}' cannot be read as a .pfx with DataProtection:CertificatePassword ({e.Message}).", e);
        }
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"{setting}: '{path}' has no private key, which is needed to read the keys back.");
    }
}
