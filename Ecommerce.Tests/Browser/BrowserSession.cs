using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>What a person does in the browser, shared by the browser tests.</summary>
internal static class BrowserSession
{
    public static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login"));
    }

    /// <summary>
    /// Opens an interactive console page and waits until it is rendered by its Blazor circuit, so clicks are
    /// handled by the server rather than lost on the prerendered page.
    /// </summary>
    public static async Task OpenInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        // ConsoleLayout sets data-circuit=ready on <main> when it renders interactively.
        await page.Locator("main[data-circuit=ready]").WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>
    /// Clicks until <paramref name="outcome"/> shows. A console page is prerendered, then rendered again by its
    /// circuit: a click on the prerendered markup in between is lost (the first circuit frame can arrive before
    /// the interactive render replaced it), so a click whose outcome does not show is repeated.
    /// </summary>
    public static async Task ClickUntilAsync(ILocator target, ILocator outcome)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await Assertions.Expect(outcome).ToBeVisibleAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5) { }
        }
    }
}
