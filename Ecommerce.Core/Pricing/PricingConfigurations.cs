using Ecommerce.Core.Catalog;
using Ecommerce.Core.Shops;
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
            t.HasCheckConstraint("ck_flash_sales_sold_positive", "sold_count >= 0");
        });
    }
}

internal sealed class FlashSaleClaimConfiguration : IEntityTypeConfiguration<FlashSaleClaim>
{
    public void Configure(EntityTypeBuilder<FlashSaleClaim> b)
    {
        b.HasKey(c => new { c.FlashSaleId, c.CustomerKey });
        b.Property(c => c.CustomerKey).HasMaxLength(300);
        b.HasOne<FlashSale>().WithMany().HasForeignKey(c => c.FlashSaleId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_flash_sale_claims_quantity", "quantity >= 0"));
    }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> b)
    {
        b.Property(c => c.Code).HasMaxLength(40);
        b.HasIndex(c => new { c.ShopId, c.Code }).IsUnique();
        b.HasIndex(c => c.Code);
        b.HasOne<Shop>().WithMany().HasForeignKey(c => c.ShopId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_coupons_used", "used_count >= 0 AND (usage_limit IS NULL OR used_count <= usage_limit)");
            t.HasCheckConstraint("ck_coupons_value", "value > 0");
        });
    }
}

internal sealed class CouponRedemptionConfiguration : IEntityTypeConfiguration<CouponRedemption>
{
    public void Configure(EntityTypeBuilder<CouponRedemption> b)
    {
        b.HasKey(r => new { r.CouponId, r.CustomerKey });
        b.Property(r => r.CustomerKey).HasMaxLength(300);
        b.HasOne<Coupon>().WithMany().HasForeignKey(r => r.CouponId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_coupon_redemptions_count", "count >= 0"));
    }
}

internal sealed class TaxRateConfiguration : IEntityTypeConfiguration<TaxRate>
{
    public void Configure(EntityTypeBuilder<TaxRate> b)
    {
        b.Property(t => t.Country).HasMaxLength(2);
        b.Property(t => t.Region).HasMaxLength(6);
        b.Property(t => t.Name).HasMaxLength(80);
        b.HasIndex(t => new { t.Country, t.Region }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_tax_rates_rate", "rate >= 0"));
    }
}
