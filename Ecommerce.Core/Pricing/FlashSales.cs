using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Pricing;

/// <summary>What a merchant asks for when scheduling a flash sale. Times are UTC.</summary>
public sealed record FlashSaleInput(int? VariantId, decimal SalePrice, DateTime StartsAt, DateTime EndsAt,
    int? QuantityCap = null, int? PerCustomerLimit = null);

public sealed record FlashSaleRow(int Id, int? VariantId, string Applies, decimal SalePrice, DateTime StartsAt, DateTime EndsAt,
    int? QuantityCap, int? PerCustomerLimit, int SoldCount);

/// <summary>
/// Scheduling, listing and cancelling a product's flash sales (checkout applies them; here they are only planned).
/// Like ProductCommands, every method takes the shop the caller acts for and treats another shop's product as
/// not found. A variant never has two sales at once: a whole-product sale overlaps every variant's sales.
/// </summary>
public sealed class FlashSales(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task<int> ScheduleAsync(int shopId, int productId, FlashSaleInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var variants = await db.ProductVariants.AsNoTracking()
            .Where(v => v.ProductId == productId && v.Product!.ShopId == shopId)
            .Select(v => new { v.Id, v.Price }).ToListAsync(cancellationToken);
        if (variants.Count == 0) throw new NotFoundException($"Product {productId}");

        var errors = new ValidationErrors();
        var covered = input.VariantId is { } variantId ? variants.Where(v => v.Id == variantId).ToList() : variants;
        if (covered.Count == 0) errors.Add("variantId", "is not a variant of this product");
        if (input.SalePrice <= 0) errors.Add("salePrice", "must be greater than 0");
        else if (decimal.Round(input.SalePrice, 2) != input.SalePrice) errors.Add("salePrice", "must have at most 2 decimals");
        else if (covered.Count > 0 && input.SalePrice >= covered.Min(v => v.Price))
            errors.Add("salePrice", $"must be below the price ({covered.Min(v => v.Price):0.00})");
        if (input.EndsAt <= input.StartsAt) errors.Add("endsAt", "must be after the start");
        else if (input.EndsAt <= clock.GetUtcNow().UtcDateTime) errors.Add("endsAt", "must be in the future");
        if (input.QuantityCap is < 1) errors.Add("quantityCap", "must be at least 1 (or empty for no cap)");
        if (input.PerCustomerLimit is < 1) errors.Add("perCustomerLimit", "must be at least 1 (or empty for no limit)");
        errors.ThrowIfAny();

        // A whole-product sale clashes with any sale of the product; a variant's with its own and whole-product ones.
        var clash = await db.FlashSales.AnyAsync(f => f.ProductId == productId
            && (input.VariantId == null || f.VariantId == null || f.VariantId == input.VariantId)
            && f.StartsAt < input.EndsAt && input.StartsAt < f.EndsAt, cancellationToken);
        if (clash) throw ValidationException.For("startsAt", "overlaps another flash sale on the same variant");

        var sale = new FlashSale
        {
            ProductId = productId, VariantId = input.VariantId, SalePrice = input.SalePrice,
            StartsAt = input.StartsAt, EndsAt = input.EndsAt, QuantityCap = input.QuantityCap,
            PerCustomerLimit = input.PerCustomerLimit, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.FlashSales.Add(sale);
        await db.SaveChangesAsync(cancellationToken);
        return sale.Id;
    }

    /// <summary>The product's sales that have not ended, soonest first.</summary>
    public async Task<IReadOnlyList<FlashSaleRow>> ListAsync(int shopId, int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var sales = await db.FlashSales.AsNoTracking()
            .Where(f => f.ProductId == productId && f.EndsAt > now && db.Products.Any(p => p.Id == productId && p.ShopId == shopId))
            .OrderBy(f => f.StartsAt).ToListAsync(cancellationToken);
        var variantIds = sales.Where(s => s.VariantId != null).Select(s => s.VariantId!.Value).Distinct().ToList();
        var variants = await db.ProductVariants.AsNoTracking().Where(v => variantIds.Contains(v.Id)).ToListAsync(cancellationToken);
        return sales.Select(s => new FlashSaleRow(s.Id, s.VariantId,
            s.VariantId is { } id ? variants.FirstOrDefault(v => v.Id == id) is { } v ? $"{v.Sku} ({v.Title})" : $"variant {id}" : "All variants",
            s.SalePrice, s.StartsAt, s.EndsAt, s.QuantityCap, s.PerCustomerLimit, s.SoldCount)).ToList();
    }

    /// <summary>Removes a sale that has not started; ends a live one now (its sold count stays for the record).</summary>
    public async Task CancelAsync(int shopId, int saleId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sale = await db.FlashSales.FirstOrDefaultAsync(f => f.Id == saleId && db.Products.Any(p => p.Id == f.ProductId && p.ShopId == shopId), cancellationToken)
            ?? throw new NotFoundException($"Flash sale {saleId}");
        var now = clock.GetUtcNow().UtcDateTime;
        if (sale.EndsAt <= now) throw new ConflictException("This flash sale has already ended.");
        if (sale.StartsAt >= now) db.FlashSales.Remove(sale);
        else sale.EndsAt = now;
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException) { throw new ConflictException("This flash sale changed meanwhile (a sale during checkout?). Reload and try again."); }
    }
}
