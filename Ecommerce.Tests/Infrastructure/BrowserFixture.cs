using Microsoft.Playwright;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright (Playwright cannot download its own browsers here; test.sh installs
/// chromium). Each test gets its own context: separate cookies, as separate people.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("ECOMMERCE_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright _playwright = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // Assertions wait as long as actions do (15 s, below): Playwright's 5 s default is short for a console grid's
        // answer on a busy CI machine, and a real failure still fails, only later.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-quic", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
