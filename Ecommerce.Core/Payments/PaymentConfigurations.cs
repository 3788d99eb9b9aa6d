using Ecommerce.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(p => p.Provider).HasMaxLength(20);
        b.Property(p => p.ProviderPaymentId).HasMaxLength(100);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.FailureCode).HasMaxLength(60);
        b.Property(p => p.FailureMessage).HasMaxLength(300);
        b.HasIndex(p => p.OrderId);
        b.ToTable(t => t.HasCheckConstraint("ck_payments_refunded", "refunded_amount >= 0 AND refunded_amount <= amount"));
        b.HasIndex(p => new { p.Provider, p.ProviderPaymentId }).IsUnique();
        b.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentNotificationConfiguration : IEntityTypeConfiguration<PaymentNotification>
{
    public void Configure(EntityTypeBuilder<PaymentNotification> b)
    {
        b.HasKey(n => new { n.Provider, n.EventId });
        b.Property(n => n.Provider).HasMaxLength(20);
        b.Property(n => n.EventId).HasMaxLength(100);
    }
}
