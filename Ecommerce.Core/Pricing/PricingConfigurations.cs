using Ecommerce.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Pricing;

internal sealed class FlashSaleConfiguration : IEntityTypeConfiguration<FlashSale>
{
    public void Configure(EntityTypeBuilder<FlashSale> b)
    {
        b.HasIndex(f => new { f.ProductId, f.StartsAt });
        b.HasIndex(f => f.EndsAt);
        b.HasOne<Product>().WithMany().HasForeignKey(f => f.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(f => f.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_flash_sales_window", "ends_at > starts_at");
            t.HasCheckConstraint("ck_flash_sales_sold", "quantity_cap IS NULL OR sold_count <= quantity_cap");
        });
    }
}
