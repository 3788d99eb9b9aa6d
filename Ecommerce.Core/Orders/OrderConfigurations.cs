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
        b.Property(o => o.RequestHash).HasMaxLength(Checkout.CheckoutFingerprint.Length);
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
        b.ToTable(t => t.HasCheckConstraint("ck_shop_orders_refunded", "refunded_amount >= 0 AND refunded_amount <= total"));
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
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_order_lines_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_order_lines_shipped", "quantity_shipped >= 0 AND quantity_shipped <= quantity");
            t.HasCheckConstraint("ck_order_lines_returned", "quantity_returned >= 0 AND quantity_returned <= quantity_shipped");
        });
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

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.Property(r => r.Currency).HasMaxLength(3);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.ActorId).HasMaxLength(450);
        b.Property(r => r.ActorName).HasMaxLength(256);
        b.Property(r => r.ProviderRefundId).HasMaxLength(100);
        b.Property(r => r.FailureMessage).HasMaxLength(300);
        b.HasIndex(r => r.OrderId);
        b.HasIndex(r => r.ShopOrderId);
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ShopOrder>().WithMany().HasForeignKey(r => r.ShopOrderId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_refunds_amount", "amount > 0"));
    }
}

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.Property(s => s.Carrier).HasMaxLength(60);
        b.Property(s => s.TrackingNumber).HasMaxLength(100);
        b.HasIndex(s => s.OrderId);
        b.HasIndex(s => s.ShopOrderId);
        b.HasOne<ShopOrder>().WithMany().HasForeignKey(s => s.ShopOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShipmentLineConfiguration : IEntityTypeConfiguration<ShipmentLine>
{
    public void Configure(EntityTypeBuilder<ShipmentLine> b)
    {
        b.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_shipment_lines_quantity", "quantity > 0"));
    }
}

internal sealed class ReturnRequestConfiguration : IEntityTypeConfiguration<ReturnRequest>
{
    public void Configure(EntityTypeBuilder<ReturnRequest> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.DecisionNote).HasMaxLength(500);
        b.HasIndex(r => r.OrderId);
        b.HasIndex(r => new { r.ShopOrderId, r.Status });
        b.HasOne<ShopOrder>().WithMany().HasForeignKey(r => r.ShopOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnLineConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> b)
    {
        b.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_return_lines_quantity", "quantity > 0"));
    }
}
