using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.Number).HasMaxLength(20);
        b.HasIndex(o => o.Number).IsUnique();
        b.Property(o => o.Email).HasMaxLength(256);
        b.Property(o => o.CustomerKey).HasMaxLength(300);
        b.Property(o => o.ShopperKey).HasMaxLength(80);
        b.Property(o => o.IdempotencyKey).HasMaxLength(100);
        // Unique: twenty submissions of one key race to this index and nineteen find the first one's order.
        b.HasIndex(o => o.IdempotencyKey).IsUnique();
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.ShipTo).HasJsonColumn();
        b.HasIndex(o => new { o.UserId, o.PlacedAt });
        b.HasIndex(o => new { o.Status, o.PaymentDueBy });
        b.HasIndex(o => o.PlacedAt);
        b.HasMany(o => o.ShopOrders).WithOne(s => s.Order).HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShopOrderConfiguration : IEntityTypeConfiguration<ShopOrder>
{
    public void Configure(EntityTypeBuilder<ShopOrder> b)
    {
        b.Property(s => s.ShopName).HasMaxLength(120);
        b.Property(s => s.CouponCode).HasMaxLength(40);
        b.Property(s => s.ShippingMethod).HasMaxLength(120);
        b.Property(s => s.Carrier).HasMaxLength(60);
        b.Property(s => s.TrackingNumber).HasMaxLength(100);
        b.HasIndex(s => new { s.ShopId, s.Status });
        b.HasOne<Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShopOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        // No foreign key to the product: an order keeps its lines after the merchant deletes the product.
        b.Property(l => l.ProductName).HasMaxLength(200);
        b.Property(l => l.VariantTitle).HasMaxLength(200);
        b.Property(l => l.Sku).HasMaxLength(64);
        b.HasIndex(l => l.ProductId);
        b.ToTable(t => t.HasCheckConstraint("ck_order_lines_quantity", "quantity > 0"));
    }
}

internal sealed class OrderHistoryEntryConfiguration : IEntityTypeConfiguration<OrderHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OrderHistoryEntry> b)
    {
        b.Property(h => h.Actor).HasMaxLength(256);
        b.Property(h => h.Reason).HasMaxLength(500);
        b.HasIndex(h => new { h.OrderId, h.At });
    }
}
