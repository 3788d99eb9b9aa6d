using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ecommerce.Web.Hosting.Identity;

/// <summary>
/// Identity's sign-in manager with the platform's rules, for the log-in page and the API alike: a wrong password
/// always counts toward lockout, an unknown email costs the same password hashing as a known one (the answer's
/// timing does not tell whether an account exists), and logging out ends every session of the account.
/// </summary>
internal sealed class AppSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // A hash of a random password, made once: verifying against it costs what verifying a real one does.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password ?? "");
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);
    }

    public override Task<SignInResult> PasswordSignInAsync(AppUser user, string password, bool isPersistent, bool lockoutOnFailure) =>
        base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);

    /// <summary>A locked account is refused without checking the password: the same hashing keeps its answer as slow.</summary>
    protected override Task<SignInResult> LockedOut(AppUser user)
    {
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, "");
        return base.LockedOut(user);
    }

    /// <summary>A copied cookie or token of this account stops working too: the security stamp they carry is renewed.</summary>
    public override async Task SignOutAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true && await UserManager.GetUserAsync(Context.User) is { } user)
            await UserManager.UpdateSecurityStampAsync(user);
        await base.SignOutAsync();
    }
}
