using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// A signed-in admin or merchant going through a console by its navigation drawer, as a person does: from the
/// storefront's header link into the console, then a click on each link of the drawer.
/// </summary>
internal sealed class ConsoleWalk
{
    private readonly IPage _page;
    private readonly List<string> _errors = [];

    private ConsoleWalk(IPage page)
    {
        _page = page;
        page.Console += (_, message) => { if (message.Type == "error") lock (_errors) _errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (_errors) _errors.Add(error); };
    }

    public IPage Page => _page;

    /// <summary>Errors the page's scripts reported so far (a failed circuit, a missing script function...).</summary>
    public IReadOnlyList<string> Errors { get { lock (_errors) return _errors.ToList(); } }

    /// <summary>Logs in, opens the storefront and follows the header's link (e.g. "Admin console") into the console.</summary>
    public static async Task<ConsoleWalk> EnterAsync(IPage page, string email, string password, string headerLink)
    {
        var walk = new ConsoleWalk(page);
        await BrowserSession.LogInAsync(page, email, password);
        await page.GotoAsync("/");
        await page.Locator(".account-nav").GetByRole(AriaRole.Link, new() { Name = headerLink }).ClickAsync();
        await page.Locator("main[data-circuit=ready]").WaitForAsync(new() { Timeout = 30_000 });
        return walk;
    }

    /// <summary>The drawer's links (address and name), in their order.</summary>
    public async Task<IReadOnlyList<(string Href, string Name)>> LinksAsync(string nav)
    {
        var links = new List<(string, string)>();
        foreach (var link in await _page.Locator($"{nav} a[href]").AllAsync())
            links.Add((await link.GetAttributeAsync("href") ?? "", (await link.InnerTextAsync()).Trim()));
        return links;
    }

    /// <summary>
    /// Clicks the drawer's link to <paramref name="href"/> (opening its group first if it is closed) and waits until
    /// the console shows the page: its address, and the page's own heading in the console's main area.
    /// </summary>
    public async Task FollowAsync(string nav, string href)
    {
        var link = _page.Locator($"{nav} a[href='{href}']");
        // A link in a folded group: the groups are unfolded one by one until it shows.
        var folded = _page.Locator($"{nav} [aria-expanded=false]");
        for (var groups = await folded.CountAsync(); groups > 0 && !await link.IsVisibleAsync(); groups--)
        {
            await folded.First.ClickAsync();
            await Assertions.Expect(folded).ToHaveCountAsync(groups - 1);
        }
        var path = href.Split('?')[0];
        // A click on the prerendered drawer, before the circuit took over, can be lost: then it is made again.
        for (var attempt = 1; ; attempt++)
        {
            try { await link.ClickAsync(); }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{href}: {e.Message.Split('\n')[0]}\n  page: {await _page.Locator("body").InnerHTMLAsync()}", e);
            }
            try
            {
                await _page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4) { }
        }
        await Assertions.Expect(_page.Locator($"main#main[data-circuit=ready][data-path='{path}'] h1").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
