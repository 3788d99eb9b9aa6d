using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.SubjectType).HasMaxLength(50);
        b.Property(e => e.SubjectId).HasMaxLength(100);
        b.Property(e => e.Reason).HasMaxLength(1000);
        // Newest first is how the log is read; by subject and by shop are how it is searched.
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.SubjectType, e.SubjectId });
        b.HasIndex(e => new { e.ShopId, e.At });
        b.HasIndex(e => new { e.ActorId, e.At });
    }
}
