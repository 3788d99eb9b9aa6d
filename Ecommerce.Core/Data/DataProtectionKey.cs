using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Data;

/// <summary>
/// One ASP.NET Core data-protection key (its XML), kept in the database so every node of a cluster signs and reads
/// cookies and tokens with the same keys.
/// </summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public required string FriendlyName { get; set; }
    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.HasIndex(k => k.FriendlyName).IsUnique();
    }
}
