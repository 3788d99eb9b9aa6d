using Ecommerce.Core.Audit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Inventory;

/// <summary>
/// Manual stock changes by merchants (received goods, damage, a count): <see cref="StockLevels"/>' conditional
/// statement, its adjustment row and stock.changed event, and the audit record, in one transaction.
/// </summary>
public sealed class StockService(IDbContextFactory<AppDbContext> contexts, SoldOutBoard soldOut, TimeProvider clock)
{
    /// <summary>Adds <paramref name="delta"/> (negative to remove) to a variant of the shop's product; returns the new on-hand.</summary>
    public Task<int> AdjustAsync(int shopId, int variantId, int delta, string reason, string? userId = null, CancellationToken cancellationToken = default,
        AuditActor? actor = null) =>
        ChangeAsync(shopId, variantId, delta, null, reason, userId, actor, cancellationToken);

    /// <summary>Sets a variant's on-hand count (a stock take); returns it.</summary>
    public Task<int> SetAsync(int shopId, int variantId, int onHand, string reason, string? userId = null, CancellationToken cancellationToken = default,
        AuditActor? actor = null) =>
        ChangeAsync(shopId, variantId, null, onHand, reason, userId, actor, cancellationToken);

    // Audited by userId, or by actor (an API key).
    private async Task<int> ChangeAsync(int shopId, int variantId, int? delta, int? target, string reason, string? userId, AuditActor? actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "is required");
        else if (reason.Length > 200) errors.Add("reason", "must be at most 200 characters");
        if (delta is 0) errors.Add("delta", "must not be 0");
        if (target is < 0 or > ProductValidator.MaxStock) errors.Add("onHand", $"must be between 0 and {ProductValidator.MaxStock:N0}");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await db.ProductVariants.Where(v => v.Id == variantId && v.Product!.ShopId == shopId)
            .Select(v => new { v.ProductId, v.Sku }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Variant {variantId}");

        var auditActor = await db.ActorAsync(userId, actor, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var change = delta is { } d
            ? await StockLevels.AdjustOnHandAsync(db, owner.ProductId, variantId, d, reason.Trim(), userId, now, cancellationToken)
                ?? throw ValidationException.For("delta", "would take stock below zero or below the units reserved in checkouts")
            : await StockLevels.SetOnHandAsync(db, owner.ProductId, variantId, target!.Value, reason.Trim(), userId, now, cancellationToken)
                ?? throw ValidationException.For("onHand", "is below the units reserved in checkouts right now");
        db.Record(auditActor, "stock.adjusted", "variant", variantId.ToString(), shopId, reason.Trim(),
            before: new { owner.Sku, onHand = change.OnHandBefore }, after: new { owner.Sku, onHand = change.OnHandAfter });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        soldOut.ReadAgain(variantId); // other nodes read it again on the stock.changed event
        return change.OnHandAfter;
    }

    public async Task<IReadOnlyList<StockAdjustment>> HistoryAsync(int shopId, int variantId, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StockAdjustments.AsNoTracking()
            .Where(a => a.VariantId == variantId && db.ProductVariants.Any(v => v.Id == variantId && v.Product!.ShopId == shopId))
            .OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
    }
}
