using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Inventory;

/// <summary>One line to reserve: a variant, how many, and the flash sale whose price it should hold (if any).</summary>
public sealed record ReservationRequest(int VariantId, int Quantity, FlashSaleTerms? FlashSale = null);

/// <summary>What a flash sale asks of a reservation: its cap and per-customer limit.</summary>
public sealed record FlashSaleTerms(int FlashSaleId, int? QuantityCap, int? PerCustomerLimit);

public enum ReservationOutcome { Reserved, OutOfStock, FlashSaleSoldOut, FlashSaleCustomerLimit }

public sealed record ReservationResult(int VariantId, int Quantity, ReservationOutcome Outcome, int Available, bool HoldsFlashSale)
{
    public bool Succeeded => Outcome == ReservationOutcome.Reserved;
}

/// <summary>
/// Inventory reservations: every reservation is one conditional statement on the stock
/// row (<c>on_hand - reserved &gt;= q</c>), and a flash-sale unit is claimed by the same kind of statement on the
/// sale's sold count. Rows are always locked in one order, so two transactions never deadlock: every stock row (by
/// variant id) before any flash sale (by sale id), and a sale's row before its per-customer claims. Methods run
/// inside the caller's transaction (<c>db</c>): a checkout that fails later rolls its reservations back with it.
/// The payment call never happens in here.
/// </summary>
public sealed class StockReservations(TimeProvider clock, SoldOutBoard board, AfterCommit afterCommit)
{
    /// <summary>
    /// Reserves each line for <paramref name="holderId"/> until <paramref name="expiresAt"/>, first giving back the
    /// holds of <paramref name="replacing"/> (a checkout coming back, or becoming its order). A line that cannot be
    /// had is reported, not thrown; the caller decides whether the rest may stand (a checkout page's hold) or all
    /// must go (placing an order: roll back the transaction).
    /// </summary>
    public async Task<IReadOnlyList<ReservationResult>> ReserveAsync(AppDbContext db, Guid holderId, int? orderId,
        IEnumerable<ReservationRequest> lines, string customerKey, DateTime expiresAt, Guid? replacing = null, CancellationToken cancellationToken = default)
    {
        var wanted = lines.OrderBy(l => l.VariantId).ToList();
        var replaced = replacing is { } old
            ? await db.StockReservations.Where(r => r.HolderId == old && r.Status == ReservationStatus.Active && r.OrderId == null).ToListAsync(cancellationToken)
            : [];
        var results = new List<ReservationResult>();
        var held = new List<ReservationRequest>();
        var released = new List<StockReservation>(); // their flash-sale units go back in the second pass

        // First pass, variant by variant: what is given back, then what is taken.
        foreach (var variantId in wanted.Select(l => l.VariantId).Concat(replaced.Select(r => r.VariantId)).Distinct().Order())
        {
            released.AddRange(await ReleaseStockAsync(db, replaced.Where(r => r.VariantId == variantId), ReservationStatus.Released, cancellationToken));
            foreach (var line in wanted.Where(l => l.VariantId == variantId))
            {
                if (line.FlashSale is { } sale)
                {
                    // Lapsed holds on the sale would count against its cap (and their customers' limits) until swept.
                    var lapsed = await Lapsed(db, variantId).Where(r => r.FlashSaleId == sale.FlashSaleId).ToListAsync(cancellationToken);
                    released.AddRange(await ReleaseStockAsync(db, lapsed, ReservationStatus.Expired, cancellationToken));
                }
                if (await TakeStockAsync(db, line.VariantId, line.Quantity, released, cancellationToken)) held.Add(line);
                else results.Add(new(line.VariantId, line.Quantity, ReservationOutcome.OutOfStock, await AvailableAsync(db, line.VariantId, cancellationToken), false));
            }
        }

        // Second pass, once every stock row is held: flash sales in sale-id order.
        var saleIds = released.Where(r => r.FlashSaleId != null).Select(r => r.FlashSaleId!.Value)
            .Concat(held.Where(l => l.FlashSale != null).Select(l => l.FlashSale!.FlashSaleId)).Distinct().Order();
        foreach (var saleId in saleIds)
        {
            await GiveBackFlashSaleAsync(db, released.Where(r => r.FlashSaleId == saleId), cancellationToken);
            foreach (var line in held.Where(l => l.FlashSale?.FlashSaleId == saleId).ToList())
            {
                var claim = await ClaimFlashSaleAsync(db, line.FlashSale!, customerKey, line.Quantity, cancellationToken);
                if (claim == ReservationOutcome.Reserved) continue;
                await GiveBackStockAsync(db, line.VariantId, line.Quantity, cancellationToken);
                held.Remove(line);
                results.Add(new(line.VariantId, line.Quantity, claim, await AvailableAsync(db, line.VariantId, cancellationToken), false));
            }
        }

        foreach (var line in held)
        {
            db.StockReservations.Add(new StockReservation
            {
                VariantId = line.VariantId, HolderId = holderId, OrderId = orderId, Quantity = line.Quantity,
                ExpiresAt = expiresAt, CreatedAt = Now, FlashSaleId = line.FlashSale?.FlashSaleId,
                CustomerKey = line.FlashSale is null ? null : customerKey,
            });
            results.Add(new(line.VariantId, line.Quantity, ReservationOutcome.Reserved, 0, line.FlashSale is not null));
        }
        await db.SaveChangesAsync(cancellationToken);
        return results;
    }

    /// <summary>Keeps a checkout's holds alive (the shopper is still in checkout); returns how many are still held.</summary>
    public Task<int> ExtendAsync(AppDbContext db, Guid holderId, DateTime expiresAt, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return db.StockReservations
            .Where(r => r.HolderId == holderId && r.Status == ReservationStatus.Active && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, expiresAt), cancellationToken);
    }

    /// <summary>Gives back everything a checkout holds (it left, or it is about to reserve afresh).</summary>
    public async Task<int> ReleaseHolderAsync(AppDbContext db, Guid holderId, CancellationToken cancellationToken = default) =>
        await ReleaseAsync(db, await db.StockReservations.Where(r => r.HolderId == holderId && r.Status == ReservationStatus.Active && r.OrderId == null)
            .ToListAsync(cancellationToken), ReservationStatus.Released, cancellationToken);

    /// <summary>Gives back an order's reservations (payment failed, order cancelled or expired).</summary>
    public async Task<int> ReleaseOrderAsync(AppDbContext db, int orderId, ReservationStatus status, CancellationToken cancellationToken = default) =>
        await ReleaseAsync(db, await db.StockReservations.Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
            .ToListAsync(cancellationToken), status, cancellationToken);

    /// <summary>
    /// Payment succeeded: each active reservation becomes a sale (on-hand and reserved go down together). A
    /// reservation that expired before the money arrived is taken again if the stock is still there; the lines that
    /// can no longer be had are returned (the caller refunds them).
    /// </summary>
    public async Task<IReadOnlyList<int>> CommitOrderAsync(AppDbContext db, int orderId, IReadOnlyDictionary<int, int> orderedByVariant, CancellationToken cancellationToken = default)
    {
        var reservations = await db.StockReservations.Where(r => r.OrderId == orderId).OrderBy(r => r.VariantId).ToListAsync(cancellationToken);
        var now = Now;
        var missing = new List<int>();
        foreach (var (variantId, quantity) in orderedByVariant.OrderBy(v => v.Key))
        {
            var held = reservations.FirstOrDefault(r => r.VariantId == variantId && r.Status == ReservationStatus.Active);
            if (held is not null && await FlipAsync(db, held.Id, ReservationStatus.Active, ReservationStatus.Committed, cancellationToken))
            {
                await db.StockItems.Where(s => s.VariantId == variantId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand - held.Quantity)
                        .SetProperty(x => x.Reserved, x => x.Reserved - held.Quantity).SetProperty(x => x.UpdatedAt, now), cancellationToken);
                continue;
            }
            if (reservations.Any(r => r.VariantId == variantId && r.Status == ReservationStatus.Committed)) continue;
            // Late payment: sell straight from what is available, by the same conditional rule.
            var sold = await db.StockItems.Where(s => s.VariantId == variantId && s.OnHand - s.Reserved >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand - quantity).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            if (sold == 1)
                db.StockReservations.Add(new StockReservation { VariantId = variantId, HolderId = Guid.NewGuid(), OrderId = orderId, Quantity = quantity, Status = ReservationStatus.Committed, ExpiresAt = now, CreatedAt = now });
            else missing.Add(variantId);
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing;
    }

    /// <summary>
    /// Releases every reservation past its expiry that no order is waiting on (orders expire through their own
    /// deadline). Run by a background sweeper; an expired hold never blocks a new one even before it runs.
    /// </summary>
    public async Task<int> SweepExpiredHoldsAsync(AppDbContext db, int batch = 500, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var expired = await db.StockReservations
            .Where(r => r.Status == ReservationStatus.Active && r.OrderId == null && r.ExpiresAt <= now)
            .OrderBy(r => r.VariantId).Take(batch).ToListAsync(cancellationToken);
        return await ReleaseAsync(db, expired, ReservationStatus.Expired, cancellationToken);
    }

    /// <summary>
    /// What a checkout could still reserve of each variant (expired holds and the holder's own holds count as free),
    /// in two queries. Only a hint for turning buyers away early: <see cref="ReserveAsync"/> alone takes stock.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> ReservableAsync(AppDbContext db, IReadOnlyCollection<int> variantIds, Guid? holderId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var stock = await db.StockItems.AsNoTracking().Where(s => variantIds.Contains(s.VariantId))
            .ToDictionaryAsync(s => s.VariantId, s => (s.OnHand, s.Reserved), cancellationToken);
        var releasable = await db.StockReservations.AsNoTracking()
            .Where(r => variantIds.Contains(r.VariantId) && r.Status == ReservationStatus.Active && r.OrderId == null && (r.ExpiresAt <= now || r.HolderId == holderId))
            .GroupBy(r => r.VariantId).Select(g => new { g.Key, Quantity = g.Sum(r => r.Quantity) }).ToDictionaryAsync(r => r.Key, r => r.Quantity, cancellationToken);
        return variantIds.Distinct().ToDictionary(id => id, id => stock.TryGetValue(id, out var s)
            ? StockLevels.Available(s.OnHand, s.Reserved - releasable.GetValueOrDefault(id)) : 0);
    }

    /// <summary>What a shopper can still buy of a variant now, by the service's clock (expired holds do not count).</summary>
    private async Task<int> AvailableAsync(AppDbContext db, int variantId, CancellationToken cancellationToken)
    {
        var stock = await db.StockItems.AsNoTracking().Where(s => s.VariantId == variantId)
            .Select(s => new { s.OnHand, s.Reserved }).FirstOrDefaultAsync(cancellationToken);
        if (stock is null) return 0;
        var now = Now;
        var expired = await db.StockReservations.Where(r => r.VariantId == variantId && r.Status == ReservationStatus.Active && r.OrderId == null && r.ExpiresAt <= now)
            .SumAsync(r => (int?)r.Quantity, cancellationToken) ?? 0;
        return StockLevels.Available(stock.OnHand, stock.Reserved - expired);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A variant's checkout holds past their expiry (an order's reservations expire with the order instead).</summary>
    private IQueryable<StockReservation> Lapsed(AppDbContext db, int variantId)
    {
        var now = Now;
        return db.StockReservations.Where(r => r.VariantId == variantId && r.Status == ReservationStatus.Active && r.OrderId == null && r.ExpiresAt <= now);
    }

    /// <summary>
    /// The one conditional statement; if it fails, expired holds on the variant give their stock back and it is tried
    /// once more (their flash-sale units are left in <paramref name="lapsed"/> for the caller's flash-sale pass).
    /// </summary>
    private async Task<bool> TakeStockAsync(AppDbContext db, int variantId, int quantity, List<StockReservation> lapsed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = Now;
            var taken = await db.StockItems.Where(s => s.VariantId == variantId && s.OnHand - s.Reserved >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + quantity).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            if (taken == 1)
            {
                await AnnounceAtZeroAsync(db, variantId, restored: 0, cancellationToken);
                return true;
            }
            if (attempt == 0)
            {
                var released = await ReleaseStockAsync(db, await Lapsed(db, variantId).ToListAsync(cancellationToken), ReservationStatus.Expired, cancellationToken);
                lapsed.AddRange(released);
                if (released.Count == 0) return false;
            }
        }
        return false;
    }

    private async Task GiveBackStockAsync(AppDbContext db, int variantId, int quantity, CancellationToken cancellationToken)
    {
        await db.StockItems.Where(s => s.VariantId == variantId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved - quantity), cancellationToken);
        // Once committed: a buyer who read the row before then would otherwise keep "sold out" until the correction.
        afterCommit.Run(db, () => board.ReadAgain(variantId));
        await AnnounceAtZeroAsync(db, variantId, restored: quantity, cancellationToken);
    }

    /// <summary>
    /// Search shows a product in stock while a unit of it is available (<see cref="StockLevels.Available"/>): a hold
    /// that took a variant's last available unit, or a give-back of <paramref name="restored"/> units that ended its
    /// having none, writes stock.changed in this transaction. Only at that boundary, so holds cost no event each.
    /// The row is locked by the caller's statement just before: the counts read are the ones it left.
    /// </summary>
    private static async Task AnnounceAtZeroAsync(AppDbContext db, int variantId, int restored, CancellationToken cancellationToken)
    {
        var row = await db.ProductVariants.Where(v => v.Id == variantId)
            .Select(v => new { v.ProductId, v.Stock!.OnHand, v.Stock.Reserved }).SingleAsync(cancellationToken);
        var available = StockLevels.Available(row.OnHand, row.Reserved);
        if (available != restored) return;
        db.Enqueue(EventTypes.StockChanged, new StockChangedEvent(row.ProductId, variantId, row.OnHand,
            restored == 0 ? "Last units held in checkout" : "Held units given back"));
    }

    private async Task<ReservationOutcome> ClaimFlashSaleAsync(AppDbContext db, FlashSaleTerms sale, string customerKey, int quantity, CancellationToken cancellationToken)
    {
        var now = Now;
        if (quantity > sale.PerCustomerLimit) return ReservationOutcome.FlashSaleCustomerLimit;
        // The sale's row first (lock order), then the customer's running total.
        var taken = await db.FlashSales
            .Where(FlashSale.InWindowAt(now))
            .Where(f => f.Id == sale.FlashSaleId && (f.QuantityCap == null || f.SoldCount + quantity <= f.QuantityCap))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.SoldCount, f => f.SoldCount + quantity), cancellationToken);
        if (taken == 0) return ReservationOutcome.FlashSaleSoldOut;
        if (sale.PerCustomerLimit is not { } limit) return ReservationOutcome.Reserved;
        // One conditional upsert: the customer's running total may not pass the limit, however many tabs race.
        var claimed = db.IsSqlServer
            ? await db.Database.ExecuteSqlRawAsync(SqlServer.ClaimFlashSale, [sale.FlashSaleId, customerKey, quantity, limit], cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                INSERT INTO flash_sale_claims (flash_sale_id, customer_key, quantity) VALUES ({sale.FlashSaleId}, {customerKey}, {quantity})
                ON CONFLICT (flash_sale_id, customer_key) DO UPDATE SET quantity = flash_sale_claims.quantity + excluded.quantity
                WHERE flash_sale_claims.quantity + excluded.quantity <= {limit}
                """, cancellationToken);
        if (claimed == 1) return ReservationOutcome.Reserved;
        await db.FlashSales.Where(f => f.Id == sale.FlashSaleId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.SoldCount, f => f.SoldCount - quantity), cancellationToken);
        return ReservationOutcome.FlashSaleCustomerLimit;
    }

    private static Task GiveBackClaimAsync(AppDbContext db, int flashSaleId, string customerKey, int quantity, CancellationToken cancellationToken) =>
        db.FlashSaleClaims.Where(c => c.FlashSaleId == flashSaleId && c.CustomerKey == customerKey)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Quantity, c => c.Quantity - quantity), cancellationToken);

    /// <summary>Releases reservations: all their stock rows first, then their flash sales (the lock order).</summary>
    private async Task<int> ReleaseAsync(AppDbContext db, IEnumerable<StockReservation> reservations, ReservationStatus status, CancellationToken cancellationToken)
    {
        var released = await ReleaseStockAsync(db, reservations, status, cancellationToken);
        await GiveBackFlashSaleAsync(db, released, cancellationToken);
        if (db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            await db.SaveChangesAsync(cancellationToken); // the stock.changed events of AnnounceAtZeroAsync, in the caller's transaction
        return released.Count;
    }

    private async Task<List<StockReservation>> ReleaseStockAsync(AppDbContext db, IEnumerable<StockReservation> reservations, ReservationStatus status, CancellationToken cancellationToken)
    {
        var released = new List<StockReservation>();
        foreach (var r in reservations.OrderBy(r => r.VariantId))
        {
            // Flip first: a reservation released twice (a sweeper and a checkout at once) gives its units back once.
            if (!await FlipAsync(db, r.Id, ReservationStatus.Active, status, cancellationToken)) continue;
            await GiveBackStockAsync(db, r.VariantId, r.Quantity, cancellationToken);
            released.Add(r);
        }
        return released;
    }

    private static async Task GiveBackFlashSaleAsync(AppDbContext db, IEnumerable<StockReservation> released, CancellationToken cancellationToken)
    {
        foreach (var r in released.Where(r => r.FlashSaleId != null).OrderBy(r => r.FlashSaleId))
        {
            await db.FlashSales.Where(f => f.Id == r.FlashSaleId)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.SoldCount, f => f.SoldCount - r.Quantity), cancellationToken);
            if (r.CustomerKey is { } key) await GiveBackClaimAsync(db, r.FlashSaleId!.Value, key, r.Quantity, cancellationToken);
        }
    }

    private static async Task<bool> FlipAsync(AppDbContext db, long reservationId, ReservationStatus from, ReservationStatus to, CancellationToken cancellationToken) =>
        await db.StockReservations.Where(r => r.Id == reservationId && r.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to), cancellationToken) == 1;

    [SqlServerStatements]
    internal static class SqlServer
    {
        // The conditional upsert as one MERGE: HOLDLOCK keeps the key range locked from the match to the write, so a
        // customer's tabs racing for their first claim cannot both insert past the limit.
        public const string ClaimFlashSale = """
            MERGE flash_sale_claims WITH (HOLDLOCK) AS c
            USING (SELECT {0} AS flash_sale_id, {1} AS customer_key, {2} AS quantity) AS n
               ON c.flash_sale_id = n.flash_sale_id AND c.customer_key = n.customer_key
             WHEN MATCHED AND c.quantity + n.quantity <= {3} THEN UPDATE SET quantity = c.quantity + n.quantity
             WHEN NOT MATCHED AND n.quantity <= {3} THEN INSERT (flash_sale_id, customer_key, quantity) VALUES (n.flash_sale_id, n.customer_key, n.quantity);
            """;
    }
}
