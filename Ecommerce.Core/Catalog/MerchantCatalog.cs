using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

public sealed record MerchantProductRow(int Id, string Name, string Slug, string ShopName, string CategoryName,
    ProductStatus Status, decimal MinPrice, string Currency, int Stock, int Variants, DateTime UpdatedAt, string? UnlistedReason = null)
{
    /// <summary>An admin took it off sale (moderation); <see cref="UnlistedReason"/> says why.</summary>
    public bool IsUnlisted => UnlistedReason is not null;
}

public enum MerchantProductSort { UpdatedAt, Name, MinPrice, Stock, Status }

public sealed record MerchantProductQuery(
    int Skip, int Take, MerchantProductSort SortBy = MerchantProductSort.UpdatedAt, bool Descending = true,
    string? Search = null, ProductStatus? Status = null, int? ShopId = null);

/// <summary>
/// The merchant console's view of the catalogue. Every query is scoped to the shops the signed-in user owns,
/// so another merchant's product can never appear, whatever the caller asks for.
/// </summary>
public sealed class MerchantCatalog(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<PagedResult<MerchantProductRow>> ProductsAsync(string userId, MerchantProductQuery q, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Products.AsNoTracking().Where(p => p.Shop!.Merchant!.UserId == userId);
        if (q.ShopId is { } shopId) query = query.Where(p => p.ShopId == shopId);
        if (q.Status is { } status) query = query.Where(p => p.Status == status);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim().ToLower();
            query = query.Where(p => p.Name.ToLower().Contains(term) || p.Variants.Any(v => v.Sku.ToLower() == term));
        }

        var total = await query.CountAsync(cancellationToken);
        query = q.SortBy switch
        {
            MerchantProductSort.Name => OrderBy(query, p => p.Name, q.Descending),
            MerchantProductSort.MinPrice => OrderBy(query, p => p.MinPrice, q.Descending),
            MerchantProductSort.Stock => OrderBy(query, p => p.Variants.Sum(v => v.Stock!.OnHand), q.Descending),
            MerchantProductSort.Status => OrderBy(query, p => p.Status, q.Descending),
            _ => OrderBy(query, p => p.UpdatedAt, q.Descending),
        };
        var rows = query.Select(p => new MerchantProductRow(
            p.Id, p.Name, p.Slug, p.Shop!.Name, p.Category!.Name, p.Status, p.MinPrice, p.Currency,
            p.Variants.Sum(v => v.Stock!.OnHand), p.Variants.Count, p.UpdatedAt, p.UnlistedAt != null ? p.UnlistedReason ?? "" : null));
        var take = Math.Clamp(q.Take, 1, PageRequest.MaxPageSize);
        var items = await rows.Skip(Math.Max(0, q.Skip)).Take(take).ToListAsync(cancellationToken);
        return new PagedResult<MerchantProductRow>(items, total, Math.Max(0, q.Skip) / take + 1, take);
    }

    /// <summary>
    /// A product with its category, variants, stock and images, for the editor; null when it is not in a shop
    /// <paramref name="userId"/> owns (another merchant's product is "not found", never loaded).
    /// </summary>
    public async Task<Product?> FindForEditAsync(string userId, int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking()
            .Where(p => p.Id == productId && p.Shop!.Merchant!.UserId == userId)
            .Include(p => p.Category).Include(p => p.Variants.OrderBy(v => v.Position)).ThenInclude(v => v.Stock)
            .Include(p => p.Images.OrderBy(i => i.Position)).AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every category with its attribute template, for the editor's category picker.</summary>
    public async Task<IReadOnlyList<Category>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(cancellationToken);
    }

    // Sorting happens on the entity, before projection, so the database does it; the id breaks ties for stable pages.
    private static IQueryable<Product> OrderBy<TKey>(IQueryable<Product> query, System.Linq.Expressions.Expression<Func<Product, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key).ThenByDescending(p => p.Id) : query.OrderBy(key).ThenBy(p => p.Id);
}
