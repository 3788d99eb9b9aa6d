using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Accounts;

/// <summary>
/// Identity's user manager with one rule of the platform: everyone who registers is a Shopper, whether they
/// registered on the site, through /api/v1/auth, or were created by a seeder.
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(AppUser user)
    {
        var result = await base.CreateAsync(user);
        if (!result.Succeeded) return result;
        return await AddToRoleAsync(user, Roles.Shopper);
    }
}
