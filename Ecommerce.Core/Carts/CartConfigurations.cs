using Ecommerce.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Carts;

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> b)
    {
        b.Property(l => l.ShopperKey).HasMaxLength(80);
        b.HasIndex(l => new { l.ShopperKey, l.VariantId }).IsUnique();
        b.HasIndex(l => l.UpdatedAt);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(l => l.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_cart_lines_quantity", "quantity > 0"));
    }
}

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> b)
    {
        b.Property(w => w.ShopperKey).HasMaxLength(80);
        b.HasIndex(w => new { w.ShopperKey, w.ProductId }).IsUnique();
        b.HasOne<Product>().WithMany().HasForeignKey(w => w.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(w => w.VariantId).OnDelete(DeleteBehavior.SetNull);
    }
}
