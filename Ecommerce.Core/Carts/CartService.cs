using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shipping;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Carts;

/// <summary>
/// The cart: lines of variants and quantities, for a user or a guest. Prices, availability and shipping are never
/// stored here; <see cref="ViewAsync"/> asks the <see cref="Pricer"/> each time, so the cart always shows today's
/// price and stock.
/// </summary>
public sealed class CartService(IDbContextFactory<AppDbContext> contexts, Pricer pricer, TimeProvider clock)
{
    public async Task<IReadOnlyList<LineRequest>> LinesAsync(ShopperKey shopper, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CartLines.AsNoTracking().Where(l => l.ShopperKey == shopper.Value).OrderBy(l => l.AddedAt).ThenBy(l => l.Id)
            .Select(l => new LineRequest(l.VariantId, l.Quantity)).ToListAsync(cancellationToken);
    }

    /// <summary>The cart priced for a location (the "Deliver to" choice), grouped by shop, with each line's availability.</summary>
    public async Task<Quote> ViewAsync(ShopperKey shopper, DeliveryLocation? location, string? couponCode = null, CancellationToken cancellationToken = default)
    {
        var lines = await LinesAsync(shopper, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await pricer.QuoteAsync(db, new QuoteRequest(lines, location, CouponCode: couponCode), cancellationToken);
    }

    public async Task<int> CountAsync(ShopperKey shopper, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CountAsync(db, shopper, cancellationToken);
    }

    internal static async Task<int> CountAsync(AppDbContext db, ShopperKey shopper, CancellationToken cancellationToken) =>
        await db.CartLines.Where(l => l.ShopperKey == shopper.Value).SumAsync(l => (int?)l.Quantity, cancellationToken) ?? 0;

    /// <summary>Adds units of a variant (to an existing line if there is one); returns the line's new quantity.</summary>
    public async Task<int> AddAsync(ShopperKey shopper, int variantId, int quantity, CancellationToken cancellationToken = default)
    {
        if (quantity is < 1 or > Pricer.MaxQuantityPerLine) throw ValidationException.For("quantity", $"must be between 1 and {Pricer.MaxQuantityPerLine}");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureBuyableAsync(db, variantId, cancellationToken);
        var line = await db.CartLines.FirstOrDefaultAsync(l => l.ShopperKey == shopper.Value && l.VariantId == variantId, cancellationToken);
        if (line is null)
        {
            if (await db.CartLines.CountAsync(l => l.ShopperKey == shopper.Value, cancellationToken) >= Pricer.MaxLines)
                throw ValidationException.For("variantId", $"a cart holds at most {Pricer.MaxLines} different items");
            db.CartLines.Add(line = new CartLine { ShopperKey = shopper.Value, VariantId = variantId, AddedAt = Now });
        }
        line.Quantity = Math.Min(Pricer.MaxQuantityPerLine, line.Quantity + quantity);
        line.UpdatedAt = Now;
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same item added from two tabs at once: the other request made the line; add to it.
            return await AddAsync(shopper, variantId, quantity, cancellationToken);
        }
        return line.Quantity;
    }

    /// <summary>Sets a line's quantity; 0 removes it.</summary>
    public async Task SetQuantityAsync(ShopperKey shopper, int variantId, int quantity, CancellationToken cancellationToken = default)
    {
        if (quantity is < 0 or > Pricer.MaxQuantityPerLine) throw ValidationException.For("quantity", $"must be between 0 and {Pricer.MaxQuantityPerLine}");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = db.CartLines.Where(l => l.ShopperKey == shopper.Value && l.VariantId == variantId);
        var changed = quantity == 0
            ? await lines.ExecuteDeleteAsync(cancellationToken)
            : await lines.ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, quantity).SetProperty(l => l.UpdatedAt, Now), cancellationToken);
        if (changed == 0 && quantity > 0) throw new NotFoundException($"Cart line for variant {variantId}");
    }

    public Task RemoveAsync(ShopperKey shopper, int variantId, CancellationToken cancellationToken = default) =>
        SetQuantityAsync(shopper, variantId, 0, cancellationToken);

    /// <summary>An order was placed from the cart: what it bought leaves the cart (a quantity added meanwhile stays).</summary>
    public async Task RemoveBoughtAsync(ShopperKey shopper, IEnumerable<LineRequest> bought, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var line in bought)
        {
            var lines = db.CartLines.Where(l => l.ShopperKey == shopper.Value && l.VariantId == line.VariantId);
            await lines.Where(l => l.Quantity <= line.Quantity).ExecuteDeleteAsync(cancellationToken);
            await lines.ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, l => l.Quantity - line.Quantity), cancellationToken);
        }
    }

    /// <summary>
    /// A guest logged in: their cart lines join the user's (quantities add up, capped) and their wishlist joins
    /// the user's; the guest's lists are then gone.
    /// </summary>
    public async Task MergeAsync(ShopperKey guest, ShopperKey user, CancellationToken cancellationToken = default)
    {
        if (guest == user) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var guestLines = await db.CartLines.Where(l => l.ShopperKey == guest.Value).ToListAsync(cancellationToken);
        var userLines = await db.CartLines.Where(l => l.ShopperKey == user.Value).ToDictionaryAsync(l => l.VariantId, cancellationToken);
        foreach (var line in guestLines)
        {
            if (userLines.TryGetValue(line.VariantId, out var existing))
            {
                existing.Quantity = Math.Min(Pricer.MaxQuantityPerLine, existing.Quantity + line.Quantity);
                existing.UpdatedAt = Now;
                db.CartLines.Remove(line);
            }
            else line.ShopperKey = user.Value;
        }
        var userWishes = await db.WishlistItems.Where(w => w.ShopperKey == user.Value).Select(w => w.ProductId).ToListAsync(cancellationToken);
        await db.WishlistItems.Where(w => w.ShopperKey == guest.Value && userWishes.Contains(w.ProductId)).ExecuteDeleteAsync(cancellationToken);
        await db.WishlistItems.Where(w => w.ShopperKey == guest.Value).ExecuteUpdateAsync(s => s.SetProperty(w => w.ShopperKey, user.Value), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves a cart line to the wishlist (the product, with that variant remembered).</summary>
    public async Task MoveToWishlistAsync(ShopperKey shopper, int variantId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var productId = await db.ProductVariants.Where(v => v.Id == variantId).Select(v => (int?)v.ProductId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Variant {variantId}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.WishlistItems.AnyAsync(w => w.ShopperKey == shopper.Value && w.ProductId == productId, cancellationToken))
            db.WishlistItems.Add(new WishlistItem { ShopperKey = shopper.Value, ProductId = productId, VariantId = variantId, AddedAt = Now });
        await db.SaveChangesAsync(cancellationToken);
        await db.CartLines.Where(l => l.ShopperKey == shopper.Value && l.VariantId == variantId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task EnsureBuyableAsync(AppDbContext db, int variantId, CancellationToken cancellationToken)
    {
        var buyable = await db.ProductVariants.WhereSold().AnyAsync(v => v.Id == variantId, cancellationToken);
        if (!buyable) throw new NotFoundException($"Variant {variantId}");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
