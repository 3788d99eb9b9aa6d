using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Data;

/// <summary>
/// ASP.NET Core's own data-protection key entity, kept in the table and columns the platform's earlier key store
/// created (data_protection_keys: id, friendly_name unique and at most 200 characters, xml; both required), so keys
/// stored before are read as they are and no migration is needed.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
        b.Property(k => k.Xml).IsRequired();
        b.HasIndex(k => k.FriendlyName).IsUnique();
    }
}
