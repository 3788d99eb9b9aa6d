using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Orders;

/// <summary>An order in the admin's list.</summary>
public sealed record AdminOrderRow(int Id, string Number, DateTime PlacedAt, string Email, OrderStatus Status, decimal Total, string Currency,
    IReadOnlyList<string> Shops);

/// <summary>
/// Everything about one order for an admin: its shop orders with lines, every payment, refund (failed ones too),
/// shipment and return, and the full history with the real actor (an email, unlike the shopper's timeline).
/// </summary>
public sealed record AdminOrderDetail(Order Order, IReadOnlyList<Payment> Payments, IReadOnlyList<Refund> Refunds,
    IReadOnlyList<Shipment> Shipments, IReadOnlyList<ReturnRequest> Returns);

/// <summary>The admin's read side of orders: all shops, searchable, a page at a time. Refunds go through <see cref="Refunds"/>.</summary>
public sealed class AdminOrders(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>Orders whose number, email or one of whose shops' names contains <paramref name="search"/>, newest first.</summary>
    public async Task<PagedResult<AdminOrderRow>> SearchAsync(string? search, PageRequest paging, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var orders = db.Orders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim().ToLowerInvariant();
            orders = orders.Where(o => o.Number.ToLower().Contains(text) || o.Email.ToLower().Contains(text)
                || o.ShopOrders.Any(s => s.ShopName.ToLower().Contains(text)));
        }
        var total = await orders.CountAsync(cancellationToken);
        // One query for the page, one for the shop names of its orders.
        var rows = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(o => new { o.Id, o.Number, o.PlacedAt, o.Email, o.Status, o.Total, o.Currency }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var shops = (await db.ShopOrders.AsNoTracking().Where(s => ids.Contains(s.OrderId)).OrderBy(s => s.Id)
            .Select(s => new { s.OrderId, s.ShopName }).ToListAsync(cancellationToken)).ToLookup(s => s.OrderId, s => s.ShopName);
        return new PagedResult<AdminOrderRow>(
            rows.Select(r => new AdminOrderRow(r.Id, r.Number, r.PlacedAt, r.Email, r.Status, r.Total, r.Currency, shops[r.Id].ToList())).ToList(),
            total, paging.Page, paging.PageSize);
    }

    /// <summary>One order by its number (any shopper's); <see cref="NotFoundException"/> if there is none.</summary>
    public async Task<AdminOrderDetail> DetailAsync(string number, CancellationToken cancellationToken = default)
    {
        number = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A fixed number of queries however big the order is.
        var order = await db.Orders.AsNoTracking().Where(o => o.Number == number)
            .Include(o => o.ShopOrders.OrderBy(s => s.Id)).ThenInclude(s => s.Lines.OrderBy(l => l.Id))
            .Include(o => o.History.OrderBy(h => h.At).ThenBy(h => h.Id))
            .AsSplitQuery().FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"Order {number}");
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == order.Id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var shipments = await db.Shipments.AsNoTracking().Include(s => s.Lines).Where(s => s.OrderId == order.Id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var returns = await db.ReturnRequests.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == order.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return new AdminOrderDetail(order, payments, refunds, shipments, returns);
    }
}
