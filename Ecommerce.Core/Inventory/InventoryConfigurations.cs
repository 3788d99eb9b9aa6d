using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Inventory;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> b)
    {
        b.HasKey(s => s.VariantId);
        b.Property(s => s.VariantId).ValueGeneratedNever();
        b.ToTable(t => t.HasCheckConstraint("ck_stock_items_on_hand", "on_hand >= 0"));
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
