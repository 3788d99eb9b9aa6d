using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Tests.Browser;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Admin;

/// <summary>/admin/users in Debian's chromium: a locked user's row says why (the latest user.locked reason of the audit log).</summary>
[Collection(WebCollection.Name)]
public sealed class AdminUsersBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_locked_users_row_shows_the_latest_lock_reason()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        var userId = await app.UserIdAsync(email);
        var administration = app.Services.GetRequiredService<UserAdministration>();
        var admin = AuditActor.User(await app.UserIdAsync(WebAppFixture.AdminEmail), WebAppFixture.AdminEmail);
        await administration.LockAsync(admin, userId, "First warning");
        await administration.UnlockAsync(admin, userId);
        var reason = "Chargeback fraud " + Guid.NewGuid().ToString("N")[..6];
        await administration.LockAsync(admin, userId, reason);

        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin/users");
        var grid = page.Locator(".users-grid");
        // The grid's first load must have answered first: a search sent before it could be overwritten by it.
        await Assertions.Expect(grid.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        var search = page.GetByLabel("Search users");
        await search.FillAsync(email);
        await search.PressAsync("Enter");
        await search.BlurAsync();
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(grid.Locator(".user-row-lock")).ToHaveTextAsync($"Locked: {reason}");
    }
}
