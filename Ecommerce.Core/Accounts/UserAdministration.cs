using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Core.Accounts;

public sealed record UserDetail(string Id, string Email, string? DisplayName, DateTime CreatedAt, bool EmailConfirmed,
    DateTimeOffset? LockoutEnd, bool LockedOut, bool TwoFactor, int FailedLogins, IReadOnlyList<string> Roles, IReadOnlyList<string> Shops);

/// <summary>
/// What an admin does to an account: change its roles, lock it (with a reason) and unlock it, reset its two-factor.
/// Each goes through Identity's user manager (which keeps the security stamp, so a locked or reset user's other
/// sessions end at their next check) on a scoped context that also takes the audit entry, in one transaction.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task<UserDetail> DetailAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new NotFoundException($"User {userId}");
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!)
            .OrderBy(n => n).ToListAsync(cancellationToken);
        var shops = await db.Shops.AsNoTracking().Where(s => s.Merchant!.UserId == userId).OrderBy(s => s.Name).Select(s => s.Name).Take(50).ToListAsync(cancellationToken);
        return new UserDetail(user.Id, user.Email ?? "", user.DisplayName, user.CreatedAt, user.EmailConfirmed, user.LockoutEnd,
            user.LockoutEnd > clock.GetUtcNow(), user.TwoFactorEnabled, user.AccessFailedCount, roles, shops);
    }

    /// <summary>Gives the user exactly <paramref name="roles"/>. An admin cannot take the Admin role from themselves.</summary>
    public async Task SetRolesAsync(AuditActor admin, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        var unknown = (roles ?? []).Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0) throw ValidationException.For("roles", $"{string.Join(", ", unknown)} is not a role; the roles are {string.Join(", ", Roles.All)}");
        var wanted = (roles ?? []).Distinct().ToHashSet();
        if (admin.UserId == userId && !wanted.Contains(Roles.Admin))
            throw ValidationException.For("roles", "You cannot remove your own Admin role; another admin can.");

        await ChangeAsync(admin, userId, "user.roles-changed", null, async (users, user) =>
        {
            var current = (await users.GetRolesAsync(user)).ToHashSet();
            var remove = current.Except(wanted).ToList();
            var add = wanted.Except(current).ToList();
            if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
            if (add.Count > 0) Check(await users.AddToRolesAsync(user, add));
            // Sessions carry the roles they were opened with: any change ends them, so the next log-in has the new set.
            if (remove.Count > 0 || add.Count > 0) Check(await users.UpdateSecurityStampAsync(user));
            return (new { roles = current.Order().ToList() }, new { roles = wanted.Order().ToList() });
        }, cancellationToken);
    }

    /// <summary>Locks the account until an admin unlocks it: it cannot log in, and its sessions end at their next check.</summary>
    public async Task LockAsync(AuditActor admin, string userId, string reason, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw ValidationException.For("reason", "is required");
        if (reason.Length > MaxReasonLength) throw ValidationException.For("reason", $"must be at most {MaxReasonLength} characters");
        if (admin.UserId == userId) throw ValidationException.For("userId", "You cannot lock your own account.");
        await ChangeAsync(admin, userId, "user.locked", reason, async (users, user) =>
        {
            var before = new { lockoutEnd = user.LockoutEnd };
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            Check(await users.UpdateSecurityStampAsync(user));
            return (before, new { lockoutEnd = user.LockoutEnd });
        }, cancellationToken);
    }

    public async Task UnlockAsync(AuditActor admin, string userId, string? reason = null, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > MaxReasonLength) throw ValidationException.For("reason", $"must be at most {MaxReasonLength} characters");
        await ChangeAsync(admin, userId, "user.unlocked", reason, async (users, user) =>
        {
            var before = new { lockoutEnd = user.LockoutEnd };
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return (before, new { lockoutEnd = user.LockoutEnd });
        }, cancellationToken);
    }

    /// <summary>
    /// Turns two-factor off and forgets the authenticator key and recovery codes (for a user who lost their device);
    /// they set it up again at their next visit to the account pages.
    /// </summary>
    public async Task ResetTwoFactorAsync(AuditActor admin, string userId, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(admin, userId, "user.two-factor-reset", null, async (users, user) =>
        {
            var before = new { twoFactor = user.TwoFactorEnabled };
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            Check(await users.ResetAuthenticatorKeyAsync(user)); // also renews the security stamp
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1); // replaces the old codes with one nobody knows
            return (before, new { twoFactor = false });
        }, cancellationToken);
    }

    private async Task ChangeAsync(AuditActor admin, string userId, string action, string? reason,
        Func<UserManager<AppUser>, AppUser, Task<(object Before, object After)>> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // The user store saves through this same scoped context, so its changes and the audit entry share the transaction.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"User {userId}");
        var (before, after) = await change(users, user);
        db.Record(admin, action, "user", user.Id, reason: reason, before: before, after: after);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        // A concurrency failure (someone else changed the account meanwhile) is a conflict, not a server error.
        if (!result.Succeeded) throw new ConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
