using System.Linq.Expressions;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Inventory;

/// <summary>Units of one variant a shopper can still buy (on hand, less those held by checkouts and unpaid orders).</summary>
public sealed record VariantAvailability
{
    public int VariantId { get; init; }
    public int Units { get; init; }
}

/// <summary>A count set or moved by <see cref="StockLevels"/>: before and after.</summary>
public readonly record struct StockChange(int OnHandBefore, int OnHandAfter);

/// <summary>
/// The stock rules every caller shares: what "available" means, and the one way an on-hand count is set or moved
/// outside checkout — a conditional statement in the caller's transaction (never below the units reserved at that
/// instant, never a read-then-write), with its adjustment row and its stock.changed event. Checkout's reservations
/// and sales are <see cref="StockReservations"/>.
/// </summary>
public static class StockLevels
{
    /// <summary>Units a shopper can still buy of a variant with these counts.</summary>
    public static int Available(int onHand, int reserved) => Math.Max(0, onHand - reserved);

    /// <summary><see cref="Available"/> above zero, as a condition queries compose (in-stock ordering).</summary>
    public static readonly Expression<Func<StockItem, bool>> HasAvailable = s => s.OnHand - s.Reserved > 0;

    /// <summary>What a buyer is told when nothing is left of a variant, wherever checkout finds it out.</summary>
    public static string SoldOutMessage(string productName, string variantTitle) => $"Sold out: {productName} ({variantTitle}) has no units left.";

    /// <summary>Each variant's available units as a query, for lists that join it (cards, low stock).</summary>
    public static IQueryable<VariantAvailability> Availability(this IQueryable<StockItem> stock) =>
        stock.Select(s => new VariantAvailability { VariantId = s.VariantId, Units = s.OnHand - s.Reserved });

    /// <summary>
    /// Sets a variant's on-hand count (a stock count) in <paramref name="db"/>'s transaction. Null when more units
    /// than <paramref name="onHand"/> are reserved at that instant: nothing is written.
    /// </summary>
    internal static async Task<StockChange?> SetOnHandAsync(AppDbContext db, int productId, int variantId, int onHand, string reason,
        string? userId, DateTime now, CancellationToken cancellationToken)
    {
        // Lock the row first with a write that changes no count (and only when the new count covers the units held):
        // the count read next is the one the update after it replaces, even with a sale running at the same instant.
        var locked = await db.StockItems.Where(s => s.VariantId == variantId && s.Reserved <= onHand)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (locked == 0) return null;
        var before = await db.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync(cancellationToken);
        await db.StockItems.Where(s => s.VariantId == variantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, onHand), cancellationToken);
        Record(db, productId, variantId, onHand - before, onHand, reason, userId, now);
        return new StockChange(before, onHand);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> (negative to remove) to a variant's on-hand count in <paramref name="db"/>'s
    /// transaction; concurrent changes add up. Null when it would go below the units reserved: nothing is written.
    /// </summary>
    internal static async Task<StockChange?> AdjustOnHandAsync(AppDbContext db, int productId, int variantId, int delta, string reason,
        string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var updated = await db.StockItems.Where(s => s.VariantId == variantId && s.OnHand + delta >= s.Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand + delta).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (updated == 0) return null;
        // Read in the same transaction, after this change: exact even when other adjustments run at once.
        var after = await db.StockItems.Where(s => s.VariantId == variantId).Select(s => s.OnHand).SingleAsync(cancellationToken);
        Record(db, productId, variantId, delta, after, reason, userId, now);
        return new StockChange(after - delta, after);
    }

    private static void Record(AppDbContext db, int productId, int variantId, int delta, int onHand, string reason, string? userId, DateTime now)
    {
        db.StockAdjustments.Add(new StockAdjustment { VariantId = variantId, Delta = delta, OnHandAfter = onHand, Reason = reason, UserId = userId, At = now });
        db.Enqueue(EventTypes.StockChanged, new StockChangedEvent(productId, variantId, onHand, reason));
    }
}
