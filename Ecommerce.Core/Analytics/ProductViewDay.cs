using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Analytics;

/// <summary>How many times a product page was viewed on one day (UTC): the "views" of views-to-orders conversion.</summary>
public class ProductViewDay
{
    public int ProductId { get; set; }
    public DateOnly Day { get; set; }
    public int Views { get; set; }
}

internal sealed class ProductViewDayConfiguration : IEntityTypeConfiguration<ProductViewDay>
{
    public void Configure(EntityTypeBuilder<ProductViewDay> b)
    {
        b.HasKey(v => new { v.ProductId, v.Day });
        b.HasIndex(v => v.Day);
        b.HasOne<Catalog.Product>().WithMany().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
