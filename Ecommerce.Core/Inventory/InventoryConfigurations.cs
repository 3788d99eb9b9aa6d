using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Inventory;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> b)
    {
        b.HasKey(s => s.VariantId);
        b.Property(s => s.VariantId).ValueGeneratedNever();
        b.Ignore(s => s.Available);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stock_items_on_hand", "on_hand >= 0");
            // The database itself refuses an oversell, whatever a bug in C# might try.
            t.HasCheckConstraint("ck_stock_items_reserved", "reserved >= 0 AND reserved <= on_hand");
        });
    }
}

internal sealed class StockReservationConfiguration : IEntityTypeConfiguration<StockReservation>
{
    public void Configure(EntityTypeBuilder<StockReservation> b)
    {
        b.Property(r => r.CustomerKey).HasMaxLength(300);
        b.HasIndex(r => r.HolderId);
        b.HasIndex(r => r.OrderId);
        b.HasIndex(r => new { r.Status, r.ExpiresAt });
        b.HasIndex(r => new { r.VariantId, r.Status });
        b.HasOne<Ecommerce.Core.Catalog.ProductVariant>().WithMany().HasForeignKey(r => r.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_stock_reservations_quantity", "quantity > 0"));
    }
}

internal sealed class StockAdjustmentConfiguration : IEntityTypeConfiguration<StockAdjustment>
{
    public void Configure(EntityTypeBuilder<StockAdjustment> b)
    {
        b.Property(a => a.Reason).HasMaxLength(200);
        b.HasIndex(a => new { a.VariantId, a.At });
        b.HasOne<Ecommerce.Core.Catalog.ProductVariant>().WithMany().HasForeignKey(a => a.VariantId).OnDelete(DeleteBehavior.Cascade);
    }
}
