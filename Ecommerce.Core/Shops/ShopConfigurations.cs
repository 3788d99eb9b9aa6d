using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Shops;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> b)
    {
        b.Property(m => m.BusinessName).HasMaxLength(200);
        b.Property(m => m.ContactEmail).HasMaxLength(256);
        b.Property(m => m.Country).HasMaxLength(2);
        b.Property(m => m.DecisionReason).HasMaxLength(1000);
        b.Property(m => m.ContactPhone).HasMaxLength(40);
        b.HasIndex(m => m.UserId).IsUnique();
        b.HasIndex(m => m.Status);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> b)
    {
        b.Property(s => s.Name).HasMaxLength(120);
        b.Property(s => s.Slug).HasMaxLength(100);
        b.Property(s => s.AccentColor).HasMaxLength(7);
        b.Property(s => s.Description).HasMaxLength(5000);
        b.Property(s => s.LogoUrl).HasMaxLength(500);
        b.Property(s => s.BannerUrl).HasMaxLength(500);
        b.Property(s => s.StatusReason).HasMaxLength(1000);
        b.HasIndex(s => s.Slug).IsUnique();
        b.Property(s => s.DraftSections).HasJsonColumn();
        b.Property(s => s.PublishedSections).HasJsonColumn();
        // An immutable record compared by value: a plain JSON conversion, null when there is no draft theme.
        b.Property(s => s.DraftTheme).HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, Outbox.Json),
                v => System.Text.Json.JsonSerializer.Deserialize<ShopTheme>(v, Outbox.Json))
            .HasAnnotation(ModelConventions.JsonAnnotation, true);
        b.HasOne(s => s.Merchant).WithMany(m => m.Shops).HasForeignKey(s => s.MerchantId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.ShippingZones).WithOne().HasForeignKey(z => z.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => k.ShopId);
        b.HasOne(k => k.Shop).WithMany().HasForeignKey(k => k.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
