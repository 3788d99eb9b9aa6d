using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Inventory;

/// <summary>Units of one variant going back on sale (a cancelled shop order's line, returned units).</summary>
public sealed record RestockLine(int ProductId, int VariantId, int Quantity);

/// <summary>
/// Putting sold units back on sale — the one way orders give stock back. It runs inside the caller's transaction
/// (<c>db</c>), like <c>db.Enqueue</c>, so the stock comes back together with the cancellation or return that
/// causes it, or not at all.
/// </summary>
public static class Restocking
{
    /// <summary>
    /// Adds each line's units to its variant's on-hand with one update per variant (variants in id order, the lock
    /// order of <see cref="StockReservations"/>), records a <see cref="StockAdjustment"/> saying why, and enqueues
    /// stock.changed so search shows a sold-out product in stock again. A variant deleted since is skipped.
    /// </summary>
    public static async Task RestockAsync(this AppDbContext db, IEnumerable<RestockLine> lines, string reason, DateTime now,
        CancellationToken cancellationToken = default)
    {
        reason = reason.Length > 200 ? reason[..200] : reason;
        var byVariant = lines.Where(l => l.Quantity > 0).GroupBy(l => (l.VariantId, l.ProductId))
            .Select(g => (g.Key.VariantId, g.Key.ProductId, Quantity: g.Sum(l => l.Quantity))).OrderBy(l => l.VariantId);
        foreach (var (variantId, productId, quantity) in byVariant)
        {
            var updated = await db.StockItems.Where(s => s.VariantId == variantId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand + quantity).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            if (updated == 0) continue;
            var onHand = await db.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync(cancellationToken);
            db.StockAdjustments.Add(new StockAdjustment { VariantId = variantId, Delta = quantity, OnHandAfter = onHand, Reason = reason, At = now });
            db.Enqueue(EventTypes.StockChanged, new StockChangedEvent(productId, variantId, onHand, reason));
        }
    }
}
