using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ecommerce.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Web;

/// <summary>
/// DataProtection:CertificatePath: the data-protection keys in the database are stored encrypted to the certificate, a
/// restart with the certificate reads them, a node without it cannot, and a wrong password stops the start naming the setting.
/// </summary>
public sealed class KeyEncryptionCertificateTests : IDisposable
{
    private const string Password = "key-cert-test-pass";
    private readonly string _folder = Directory.CreateTempSubdirectory("ecommerce-keycert-").FullName;

    private WebApplicationFactory<Program> Node(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("DataFolder", Path.Combine(_folder, "data"));
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected .pfx file.</summary>
    private string CertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Marketplace data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    [Fact]
    public async Task With_a_certificate_keys_are_stored_encrypted_and_only_a_node_with_it_reads_them()
    {
        (string, string)[] withCertificate = [("DataProtection:CertificatePath", CertificateFile()), ("DataProtection:CertificatePassword", Password)];
        string sealedText;
        await using (var first = Node(withCertificate))
        {
            sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a login");
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var stored = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(stored, xml => Assert.Contains("encryptedSecret", xml));
            Assert.All(stored, xml => Assert.DoesNotContain("<value>", xml)); // no master key in the clear
        }

        await using (var restarted = Node(withCertificate))
            Assert.Equal("a login", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));

        await using var without = Node();
        Assert.ThrowsAny<CryptographicException>(() => without.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
    }

    [Fact]
    public void A_wrong_password_stops_the_start_naming_the_setting()
    {
        using var node = Node(("DataProtection:CertificatePath", CertificateFile()), ("DataProtection:CertificatePassword", "not-the-password"));
        var error = Assert.ThrowsAny<Exception>(() => node.Services);
        Assert.Contains("DataProtection:CertificatePath", error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
