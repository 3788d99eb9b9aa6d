using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

public sealed record ModeratedProductRow(int Id, string Name, string Slug, int ShopId, string ShopName, ProductStatus Status,
    ShopStatus ShopStatus, DateTime? UnlistedAt, string? UnlistedReason);

/// <summary>
/// Admin moderation of products: unlisting (with a reason the merchant sees) takes a product off sale everywhere
/// (<see cref="ProductVisibility"/>) whatever its merchant does, until an admin relists it. Each change writes its audit
/// entry and a product.updated event (search drops or restores it) in the same transaction.
/// </summary>
public sealed class ProductModeration(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    /// <summary>Products by name, slug or shop name, optionally of one shop and/or only the unlisted ones.</summary>
    public async Task<PagedResult<ModeratedProductRow>> SearchAsync(string? search, int? shopId, bool unlistedOnly, PageRequest page,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = db.Products.AsNoTracking();
        if (unlistedOnly) products = products.Where(p => p.UnlistedAt != null);
        if (shopId is { } shop) products = products.Where(p => p.ShopId == shop);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            products = products.Where(p => p.Name.ToUpper().Contains(term) || p.Slug.ToUpper().Contains(term) || p.Shop!.Name.ToUpper().Contains(term));
        }
        var total = await products.CountAsync(cancellationToken);
        var ordered = unlistedOnly ? products.OrderByDescending(p => p.UnlistedAt).ThenByDescending(p => p.Id) : products.OrderBy(p => p.Name).ThenBy(p => p.Id);
        var rows = await ordered.Skip(page.Skip).Take(page.PageSize)
            .Select(p => new ModeratedProductRow(p.Id, p.Name, p.Slug, p.ShopId, p.Shop!.Name, p.Status, p.Shop.Status, p.UnlistedAt, p.UnlistedReason))
            .ToListAsync(cancellationToken);
        return new PagedResult<ModeratedProductRow>(rows, total, page.Page, page.PageSize);
    }

    public async Task UnlistAsync(AuditActor admin, int productId, string reason, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw ValidationException.For("reason", "is required: the merchant sees it");
        if (reason.Length > MaxReasonLength) throw ValidationException.For("reason", $"must be at most {MaxReasonLength} characters");
        await ChangeAsync(admin, productId, reason, unlist: true, cancellationToken);
    }

    /// <summary>Puts an unlisted product back on sale (if its merchant has it published); the reason is optional.</summary>
    public async Task RelistAsync(AuditActor admin, int productId, string? reason = null, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > MaxReasonLength) throw ValidationException.For("reason", $"must be at most {MaxReasonLength} characters");
        await ChangeAsync(admin, productId, reason, unlist: false, cancellationToken);
    }

    private async Task ChangeAsync(AuditActor admin, int productId, string? reason, bool unlist, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, cancellationToken) ?? throw new NotFoundException($"Product {productId}");
        if (unlist == (product.UnlistedAt is not null))
            throw new ConflictException(unlist ? $"{product.Name} is already unlisted." : $"{product.Name} is not unlisted.");

        var before = new { unlistedAt = product.UnlistedAt, reason = product.UnlistedReason };
        product.UnlistedAt = unlist ? clock.GetUtcNow().UtcDateTime : null;
        product.UnlistedReason = unlist ? reason : null;
        db.Record(admin, unlist ? "product.unlisted" : "product.relisted", "product", product.Id.ToString(), product.ShopId, reason,
            before, new { unlistedAt = product.UnlistedAt, reason = product.UnlistedReason });
        db.Enqueue(EventTypes.ProductUpdated, new ProductEvent(product.Id, product.ShopId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"{product.Name} was changed by its merchant at the same moment; try again.");
        }
    }
}
