using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Events;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Type).HasMaxLength(100);
        b.Property(m => m.LockedBy).HasMaxLength(100);
        // The dispatcher's query: due events in order.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt, m.Id });
        // Search indexers read product events after their checkpoint.
        b.HasIndex(m => new { m.Type, m.Id });
    }
}
