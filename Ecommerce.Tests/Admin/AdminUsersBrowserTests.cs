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
        await Assertions.Expect(grid.Locator("tr.user-row")).Not.ToHaveCountAsync(0);
        var search = page.GetByLabel("Search users");
        await search.FillAsync(email);
        await search.PressAsync("Enter");
        await search.BlurAsync();
        await Assertions.Expect(grid.Locator("tr.user-row")).ToHaveCountAsync(1);
        await Assertions.Expect(grid.Locator(".user-row-lock")).ToHaveTextAsync($"Locked: {reason}");
    }

    [Fact]
    public async Task Locking_asks_for_a_reason_in_a_dialog_and_unlocking_asks_to_confirm()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/admin/users");
        var grid = page.Locator(".users-grid");
        await Assertions.Expect(grid.Locator("tr.user-row")).Not.ToHaveCountAsync(0);
        var search = page.GetByLabel("Search users");
        await search.FillAsync(email);
        await search.PressAsync("Enter");
        await Assertions.Expect(grid.Locator("tr.user-row")).ToHaveCountAsync(1);
        await grid.GetByRole(AriaRole.Button, new() { Name = "Manage" }).ClickAsync();
        var detail = page.Locator(".user-detail");
        await Assertions.Expect(detail.Locator(".user-lock")).ToHaveTextAsync("active");

        // Lock: the dialog will not confirm without a reason; cancelling changes nothing.
        await detail.GetByRole(AriaRole.Button, new() { Name = "Lock…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Lock {email}");
        await Assertions.Expect(dialog.Locator(".confirm-reason")).ToBeDisabledAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(detail.Locator(".user-lock")).ToHaveTextAsync("active");

        var reason = "Card testing " + Guid.NewGuid().ToString("N")[..6];
        await detail.GetByRole(AriaRole.Button, new() { Name = "Lock…" }).ClickAsync();
        await dialog.GetByLabel("Reason").FillAsync(reason);
        await dialog.Locator(".confirm-reason").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"{email}: Locked");
        await Assertions.Expect(detail.Locator(".user-lock")).ToHaveTextAsync("locked");
        await Assertions.Expect(grid.Locator(".user-row-lock")).ToHaveTextAsync($"Locked: {reason}");

        // Unlock is confirmed in a message box.
        await detail.GetByRole(AriaRole.Button, new() { Name = "Unlock…" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync($"Let {email} log in again?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        // The lock's snackbar may still show ("…until unlocked."): this one says exactly "Unlocked.".
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@": Unlocked\.\s*$") })).ToContainTextAsync(email);
        await Assertions.Expect(detail.Locator(".user-lock")).ToHaveTextAsync("active");
        await Assertions.Expect(grid.Locator("tr.user-row")).ToContainTextAsync("Active");
    }
}
