using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Catalog;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Name).HasMaxLength(120);
        b.Property(c => c.Slug).HasMaxLength(100);
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.AttributeTemplate).HasJsonColumn();
        b.Property(c => c.VariantOptions).HasJsonColumn();
        b.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    /// <summary>Products by category, then status and age: what category listings read.</summary>
    public const string CategoryListingIndex = "ix_products_category_id_status_created_at";

    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Slug).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(20000);
        b.Property(p => p.Brand).HasMaxLength(120);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.UnlistedReason).HasMaxLength(1000);
        b.Property(p => p.Tags).HasJsonColumn();
        b.Property(p => p.Attributes).HasJsonColumn();
        b.Property(p => p.Options).HasJsonColumn();
        b.HasIndex(p => p.Slug).IsUnique();
        b.HasIndex(p => new { p.ShopId, p.Status });
        b.HasIndex(p => new { p.CategoryId, p.Status, p.CreatedAt }).HasDatabaseName(CategoryListingIndex); // named in StorefrontCatalog's SQLite listing
        b.HasIndex(p => new { p.Status, p.SalesCount });
        b.HasOne(p => p.Shop).WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Variants).WithOne(v => v.Product).HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> b)
    {
        b.Property(v => v.Sku).HasMaxLength(64);
        b.Property(v => v.Currency).HasMaxLength(3);
        b.Property(v => v.Options).HasJsonColumn();
        b.HasIndex(v => v.Sku).IsUnique();
        b.Ignore(v => v.Title);
        b.HasOne(v => v.Stock).WithOne().HasForeignKey<StockItem>(s => s.VariantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.Property(i => i.Url).HasMaxLength(500);
        b.Property(i => i.AltText).HasMaxLength(300);
        b.HasIndex(i => new { i.ProductId, i.Position });
    }
}
