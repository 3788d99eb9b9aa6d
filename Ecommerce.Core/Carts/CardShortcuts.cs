using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Carts;

/// <summary>What a page of product cards offers a shopper: which products they saved (the hearts) and, for a
/// product with a single variant in stock, that variant, so the card can add it to the cart in one click.</summary>
public sealed record CardMarks(IReadOnlySet<int> Saved, IReadOnlyDictionary<int, int> QuickAddVariants)
{
    public static readonly CardMarks None = new(new HashSet<int>(), new Dictionary<int, int>());

    public int? QuickAddVariant(int productId) => QuickAddVariants.TryGetValue(productId, out var id) ? id : null;
}

/// <summary>
/// Reads <see cref="CardMarks"/> for a page of cards in two queries, whatever the number of cards, and what a page
/// shows of the shopper (cart count, hearts). While the database is away these are unknown: no marks, no count
/// (<see cref="DatabaseReachability"/>), and the page still answers.
/// </summary>
public sealed class CardShortcuts(IDbContextFactory<AppDbContext> contexts, WishlistService wishlists, DatabaseReachability database)
{
    public Task<CardMarks> ForAsync(ShopperKey? shopper, IEnumerable<int> productIds, CancellationToken cancellationToken = default)
    {
        var ids = productIds.Distinct().ToList();
        return ids.Count == 0 ? Task.FromResult(CardMarks.None) : database.ReadOrAsync(() => ReadMarksAsync(shopper, ids, cancellationToken), () => CardMarks.None);
    }

    private async Task<CardMarks> ReadMarksAsync(ShopperKey? shopper, List<int> ids, CancellationToken cancellationToken)
    {
        var saved = shopper is { } key ? await wishlists.SavedAmongAsync(key, ids, cancellationToken) : new HashSet<int>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The variants of a page of cards are few: read them and group here. The same test as a GROUP BY with a
        // correlated stock sum in HAVING took SQLite over half a second at 100,000 products.
        var variants = await (
            from v in db.ProductVariants.AsNoTracking().WhereSold().Where(v => ids.Contains(v.ProductId))
            join s in db.StockItems.Availability() on v.Id equals s.VariantId into stock
            from s in stock.DefaultIfEmpty()
            select new { v.ProductId, v.Id, Available = s == null ? 0 : s.Units })
            .ToListAsync(cancellationToken);
        var single = variants.GroupBy(v => v.ProductId)
            .Where(g => g.Count() == 1 && g.Single().Available > 0)
            .ToDictionary(g => g.Key, g => g.Single().Id);
        return new CardMarks(saved, single);
    }

    /// <summary>
    /// What a page shows of the shopper beside the cards' shortcuts: their cart's unit count (when asked; null when
    /// unknown) and which of these products they saved; two statements by key on one connection (a page template's
    /// slots, Web's PersonalPages).
    /// </summary>
    public async Task<(int? CartCount, IReadOnlySet<int> Saved)> BadgesAsync(
        ShopperKey shopper, IEnumerable<int> productIds, bool withCartCount, CancellationToken cancellationToken = default)
    {
        var ids = productIds.Distinct().ToList();
        if (ids.Count == 0 && !withCartCount) return (0, new HashSet<int>());
        return await database.ReadOrAsync<(int?, IReadOnlySet<int>)>(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken); // once for both statements
            var count = withCartCount ? await CartService.CountAsync(db, shopper, cancellationToken) : 0;
            return (count, ids.Count > 0 ? await WishlistService.SavedAmongAsync(db, shopper, ids, cancellationToken) : new HashSet<int>());
        }, () => (null, new HashSet<int>()));
    }

    /// <summary>The units in the shopper's cart, for the header; null while the database is away.</summary>
    public async Task<int?> CartCountAsync(ShopperKey shopper, CancellationToken cancellationToken = default) =>
        (await BadgesAsync(shopper, [], withCartCount: true, cancellationToken)).CartCount;
}
