using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

public sealed record AdminShopRow(int Id, string Name, string Slug, string MerchantName, string? MerchantEmail,
    ShopStatus Status, string? StatusReason, int Products, DateTime CreatedAt);

/// <summary>
/// The admin's view of every shop, and suspension: a suspended shop sells nothing (the storefront, search, deals and
/// checkout only show shops whose status is Active) and its API keys stop working, until an admin reinstates it.
/// Each change writes its audit entry and a shop.status-changed event (search drops or restores the shop's products)
/// in the same transaction.
/// </summary>
public sealed class ShopSuspensions(IDbContextFactory<AppDbContext> contexts)
{
    public const int MaxReasonLength = 500;

    /// <summary>Shops by name, slug, merchant business name or email; optionally of one status; newest first.</summary>
    public async Task<PagedResult<AdminShopRow>> ListAsync(string? search, ShopStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shops = db.Shops.AsNoTracking();
        if (status is { } s) shops = shops.Where(x => x.Status == s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            shops = shops.Where(x => x.Name.ToUpper().Contains(term) || x.Slug.ToUpper().Contains(term)
                || x.Merchant!.BusinessName.ToUpper().Contains(term) || x.Merchant.User!.NormalizedEmail!.Contains(term));
        }
        var total = await shops.CountAsync(cancellationToken);
        var rows = await shops.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(x => new AdminShopRow(x.Id, x.Name, x.Slug, x.Merchant!.BusinessName, x.Merchant.User!.Email, x.Status, x.StatusReason,
                db.Products.Count(p => p.ShopId == x.Id), x.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<AdminShopRow>(rows, total, page.Page, page.PageSize);
    }

    public Task SuspendAsync(AuditActor admin, int shopId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, shopId, ShopStatus.Suspended, reason, "shop.suspended", cancellationToken);

    public Task ReinstateAsync(AuditActor admin, int shopId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, shopId, ShopStatus.Active, reason, "shop.reinstated", cancellationToken);

    private async Task ChangeAsync(AuditActor admin, int shopId, ShopStatus status, string reason, string action, CancellationToken cancellationToken)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw ValidationException.For("reason", "is required: the merchant sees it");
        if (reason.Length > MaxReasonLength) throw ValidationException.For("reason", $"must be at most {MaxReasonLength} characters");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken) ?? throw new NotFoundException($"Shop {shopId}");
        if (shop.Status == status)
            throw new ConflictException(status == ShopStatus.Suspended ? $"{shop.Name} is already suspended." : $"{shop.Name} is not suspended.");

        var before = new { status = shop.Status.ToString(), reason = shop.StatusReason };
        shop.Status = status;
        // The merchant sees why the shop is suspended; once reinstated there is nothing to explain (the audit log keeps it).
        shop.StatusReason = status == ShopStatus.Suspended ? reason : null;
        db.Record(admin, action, "shop", shop.Id.ToString(), shop.Id, reason, before, new { status = status.ToString(), reason = shop.StatusReason });
        db.Enqueue(EventTypes.ShopStatusChanged, new ShopEvent(shop.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"{shop.Name} was changed by someone else at the same moment; reload and try again.");
        }
    }
}
