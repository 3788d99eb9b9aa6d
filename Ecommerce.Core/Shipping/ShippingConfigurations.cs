using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Shipping;

internal sealed class ShippingZoneConfiguration : IEntityTypeConfiguration<ShippingZone>
{
    public void Configure(EntityTypeBuilder<ShippingZone> b)
    {
        b.Property(z => z.Name).HasMaxLength(120);
        b.Property(z => z.Countries).HasJsonColumn();
        b.Property(z => z.Regions).HasJsonColumn();
        b.Property(z => z.PostalCodePrefixes).HasJsonColumn();
    }
}
