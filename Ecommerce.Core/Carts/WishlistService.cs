using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Carts;

public sealed record WishlistEntry(ProductCard Product, int? VariantId, DateTime AddedAt);

/// <summary>Products a shopper saved for later, for guests and users alike (merged at login with the cart).</summary>
public sealed class WishlistService(IDbContextFactory<AppDbContext> contexts, CartService carts, TimeProvider clock)
{
    public async Task<PagedResult<WishlistEntry>> ListAsync(ShopperKey shopper, int page = 1, int pageSize = 24, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.WishlistItems.AsNoTracking().Where(w => w.ShopperKey == shopper.Value);
        var total = await items.CountAsync(cancellationToken);
        var paging = PageRequest.Of(page, pageSize);
        var rows = await items.OrderByDescending(w => w.AddedAt).ThenByDescending(w => w.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(w => new { w.ProductId, w.VariantId, w.AddedAt }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.ProductId).ToList();
        var cards = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(StorefrontCatalog.CardProjection).ToDictionaryAsync(c => c.Id, cancellationToken);
        return new PagedResult<WishlistEntry>(rows.Where(r => cards.ContainsKey(r.ProductId))
            .Select(r => new WishlistEntry(cards[r.ProductId], r.VariantId, r.AddedAt)).ToList(), total, paging.Page, paging.PageSize);
    }

    /// <summary>Which of these products the shopper has saved (for the heart buttons on a page of cards).</summary>
    public async Task<IReadOnlySet<int>> SavedAmongAsync(ShopperKey shopper, IEnumerable<int> productIds, CancellationToken cancellationToken = default)
    {
        var ids = productIds.Distinct().ToList();
        if (ids.Count == 0) return new HashSet<int>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SavedAmongAsync(db, shopper, ids, cancellationToken);
    }

    internal static async Task<IReadOnlySet<int>> SavedAmongAsync(AppDbContext db, ShopperKey shopper, List<int> ids, CancellationToken cancellationToken) =>
        (await db.WishlistItems.Where(w => w.ShopperKey == shopper.Value && ids.Contains(w.ProductId)).Select(w => w.ProductId).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<int> CountAsync(ShopperKey shopper, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WishlistItems.CountAsync(w => w.ShopperKey == shopper.Value, cancellationToken);
    }

    public async Task AddAsync(ShopperKey shopper, int productId, int? variantId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Products.WhereSold().AnyAsync(p => p.Id == productId, cancellationToken))
            throw new NotFoundException($"Product {productId}");
        if (variantId is { } v && !await db.ProductVariants.AnyAsync(x => x.Id == v && x.ProductId == productId, cancellationToken))
            throw ValidationException.For("variantId", "is not a variant of this product");
        if (await db.WishlistItems.AnyAsync(w => w.ShopperKey == shopper.Value && w.ProductId == productId, cancellationToken)) return;
        db.WishlistItems.Add(new WishlistItem { ShopperKey = shopper.Value, ProductId = productId, VariantId = variantId, AddedAt = clock.GetUtcNow().UtcDateTime });
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { } // saved twice at once: once is enough
    }

    public async Task RemoveAsync(ShopperKey shopper, int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.WishlistItems.Where(w => w.ShopperKey == shopper.Value && w.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Puts a saved product in the cart (its saved variant, or the first one) and takes it off the wishlist.</summary>
    public async Task MoveToCartAsync(ShopperKey shopper, int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.WishlistItems.AsNoTracking().FirstOrDefaultAsync(w => w.ShopperKey == shopper.Value && w.ProductId == productId, cancellationToken)
            ?? throw new NotFoundException($"Wishlist item {productId}");
        var variantId = item.VariantId ?? await db.ProductVariants.Where(v => v.ProductId == productId).OrderBy(v => v.Position).ThenBy(v => v.Id)
            .Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"Product {productId}");
        await carts.AddAsync(shopper, variantId, 1, cancellationToken);
        await RemoveAsync(shopper, productId, cancellationToken);
    }
}
