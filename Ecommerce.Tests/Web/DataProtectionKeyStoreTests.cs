using System.Xml.Linq;
using Ecommerce.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Web;

/// <summary>
/// The data-protection keys live in data_protection_keys through ASP.NET Core's EF Core store. A key stored as the
/// platform's earlier store wrote it (a row with friendly_name and the key's XML) still reads: what it protected before
/// the change (a login cookie, a token) is valid after it.
/// </summary>
public sealed class DataProtectionKeyStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecommerce-dpkeys-").FullName;

    private WebApplicationFactory<Program> Node() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("DataFolder", _folder);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });

    [Fact]
    public async Task A_key_row_written_by_the_earlier_store_protects_what_a_new_node_reads()
    {
        // A key ring of the same application made elsewhere: its one key, and a payload it protected.
        var earlier = new MemoryKeys();
        var outside = new ServiceCollection();
        outside.AddDataProtection().SetApplicationName("Ecommerce");
        outside.Configure<KeyManagementOptions>(o => o.XmlRepository = earlier);
        string sealedText;
        await using (var provider = outside.BuildServiceProvider())
            sealedText = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a login");
        var (name, key) = Assert.Single(earlier.Stored);

        string ownText;
        await using (var first = Node())
        {
            // This host's own key goes into the same table.
            ownText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("its own login");
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            Assert.NotEmpty(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            // As the earlier store wrote it: one row per key, its XML without formatting.
            var xml = key.ToString(SaveOptions.DisableFormatting);
            await db.Database.ExecuteSqlAsync($"INSERT INTO data_protection_keys (friendly_name, xml) VALUES ({name}, {xml})");
        }

        await using var second = Node();
        var protector = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("a login", protector.Unprotect(sealedText));
        Assert.Equal("its own login", protector.Unprotect(ownText));
    }

    private sealed class MemoryKeys : IXmlRepository
    {
        public List<(string Name, XElement Xml)> Stored { get; } = [];
        public IReadOnlyCollection<XElement> GetAllElements() => Stored.Select(s => s.Xml).ToList();
        public void StoreElement(XElement element, string friendlyName) => Stored.Add((friendlyName, element));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
