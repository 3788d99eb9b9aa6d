using System.Xml.Linq;
using Ecommerce.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Data-protection keys (which sign login cookies, bearer tokens and antiforgery tokens) kept in the database's
/// data_protection_keys table, so every node of a cluster reads and writes the same key ring and a login made on
/// one node is valid on all of them. The EF Core package that does this does not restore here, hence this small one.
/// </summary>
internal sealed class DatabaseKeyRepository(IDbContextFactory<AppDbContext> contexts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // Data protection calls this synchronously, once per key-ring refresh (at start, then about daily).
        using var db = contexts.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contexts.CreateDbContext();
        // Names are unique; data protection names a key after its (random) id, so a clash means it is stored already.
        if (db.DataProtectionKeys.Any(k => k.FriendlyName == friendlyName)) return;
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
