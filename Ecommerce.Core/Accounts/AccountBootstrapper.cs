using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Core.Accounts;

/// <summary>Creates the roles and the first admin (from the settings Admin:Email and Admin:Password) at start.</summary>
public sealed class AccountBootstrapper(UserManager<AppUser> users, RoleManager<IdentityRole> roles, ILogger<AccountBootstrapper> logger)
{
    public Task EnsureRolesAsync() => EnsureRolesAsync(roles);

    /// <summary>Creates whichever platform roles are missing (also used by the demo seeder, which may run alone).</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
    }

    /// <summary>Creates the admin if absent, or grants the role to an existing user of that email. Never resets a password.</summary>
    public async Task EnsureAdminAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            logger.LogWarning("No first admin configured: set Admin:Email and Admin:Password to create one.");
            return;
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
                throw new InvalidOperationException("Setting 'Admin:Password' is missing: it is needed to create the admin 'Admin:Email'.");
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
            Check(await users.CreateAsync(user, password), "create the admin from Admin:Email/Admin:Password");
            logger.LogInformation("Created admin {Email}", email);
        }
        foreach (var role in new[] { Roles.Admin, Roles.Shopper })
        {
            if (!await users.IsInRoleAsync(user, role))
                Check(await users.AddToRoleAsync(user, role), $"grant {role} to the admin");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
