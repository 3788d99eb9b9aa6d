using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>Demo users and the roles they need, created through Identity so passwords are hashed the normal way.</summary>
internal sealed class DemoAccounts(UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    public const string MerchantEmail = "merchant@demo.local";
    public const string ShopperEmail = "shopper@demo.local";
    public const string Password = "Demo123!";

    public static readonly (string Email, string DisplayName, bool Merchant)[] All =
    [
        (MerchantEmail, "Morgan Reyes", true),
        ("merchant2@demo.local", "Priya Natarajan", true),
        ("merchant3@demo.local", "Luis Ortega", true),
        ("merchant4@demo.local", "Eleanor Pryce", true),
        ("merchant5@demo.local", "Camille Tremblay", true),
        ("merchant6@demo.local", "Dev Anand", true),
        (ShopperEmail, "Sam Shopper", false),
    ];

    /// <summary>Creates missing roles and demo users; returns every demo user's id by email.</summary>
    public async Task<Dictionary<string, string>> EnsureAsync(CancellationToken cancellationToken)
    {
        await AccountBootstrapper.EnsureRolesAsync(roles);

        // One query for all demo users rather than one per email.
        var normalized = All.Select(a => users.NormalizeEmail(a.Email)).ToList();
        var existing = await users.Users.Where(u => normalized.Contains(u.NormalizedEmail!)).ToListAsync(cancellationToken);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (email, displayName, merchant) in All)
        {
            var user = existing.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
                Check(await users.CreateAsync(user, Password), email);
                // AppUserManager makes every new user a Shopper; merchants also get their role.
                if (merchant) Check(await users.AddToRoleAsync(user, Roles.Merchant), email);
            }
            ids[email] = user.Id;
        }
        return ids;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo seeding could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
