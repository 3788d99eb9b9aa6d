using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// One shop's products with their variants, stock and images, a page at a time (the merchant API's list).
/// A fixed number of queries per page (count, products, variants with stock, images), whatever the page size.
/// </summary>
public sealed class ShopProducts(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<PagedResult<Product>> PageAsync(int shopId, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Products.AsNoTracking().Where(p => p.ShopId == shopId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(p => p.Id).Skip(page.Skip).Take(page.PageSize)
            .Include(p => p.Category).Include(p => p.Variants.OrderBy(v => v.Position)).ThenInclude(v => v.Stock)
            .Include(p => p.Images.OrderBy(i => i.Position)).AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new PagedResult<Product>(items, total, page.Page, page.PageSize);
    }
}
