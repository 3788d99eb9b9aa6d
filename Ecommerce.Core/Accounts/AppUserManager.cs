using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Accounts;

/// <summary>
/// Identity's user manager with the platform's rules: everyone who registers is a Shopper, whether they
/// registered on the site, through /api/v1/auth, or were created by a seeder; and an account's first authenticator
/// key is made without ending its sessions (there is no earlier key whose holders must be signed out).
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

    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(AppUser user)
    {
        if (await GetAuthenticatorKeyAsync(user) is not null || Store is not IUserAuthenticatorKeyStore<AppUser> keys)
            return await base.ResetAuthenticatorKeyAsync(user); // a replaced key ends the sessions (security stamp)
        await keys.SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        return await UpdateUserAsync(user);
    }
}
