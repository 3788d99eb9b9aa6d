using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Media;

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> b)
    {
        b.Property(m => m.ContentType).HasMaxLength(20);
        b.Property(m => m.OriginalName).HasMaxLength(255);
        b.Property(m => m.OwnerUserId).HasMaxLength(450);
        b.Ignore(m => m.Extension);
        b.Ignore(m => m.Url);
        b.HasIndex(m => m.OwnerUserId);
    }
}
