using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Accounts;

public sealed record UserRow(string Id, string Email, string? DisplayName, DateTime CreatedAt, bool LockedOut, bool TwoFactor, IReadOnlyList<string> Roles);

public enum UserSort { CreatedAt, Email }

/// <summary>The admin console's users list: one query for the page, one for their roles.</summary>
public sealed class AdminUsers(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task<PagedResult<UserRow>> UsersAsync(int skip, int take, string? search = null,
        UserSort sortBy = UserSort.CreatedAt, bool descending = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(term)));
        }
        var total = await query.CountAsync(cancellationToken);
        query = (sortBy, descending) switch
        {
            (UserSort.Email, false) => query.OrderBy(u => u.NormalizedEmail),
            (UserSort.Email, true) => query.OrderByDescending(u => u.NormalizedEmail),
            (_, false) => query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            _ => query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id),
        };
        take = Math.Clamp(take, 1, PageRequest.MaxPageSize);
        var users = await query.Skip(Math.Max(0, skip)).Take(take)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.CreatedAt, u.LockoutEnd, u.TwoFactorEnabled })
            .ToListAsync(cancellationToken);

        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        var rows = users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.CreatedAt,
            u.LockoutEnd > now, u.TwoFactorEnabled, rolesByUser[u.Id].OrderBy(n => n).ToList())).ToList();
        return new PagedResult<UserRow>(rows, total, Math.Max(0, skip) / take + 1, take);
    }
}
