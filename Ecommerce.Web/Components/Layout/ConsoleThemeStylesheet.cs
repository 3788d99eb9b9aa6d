using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace Ecommerce.Web.Components.Layout;

/// <summary>
/// The consoles' theme as one stylesheet, built once per process from what MudBlazor's own theme provider renders for
/// <see cref="ConsoleTheme"/>: its light palette on <c>:root</c>, its dark palette under
/// <c>html[data-console-theme=dark]</c> (set by console-theme.js). A MudThemeProvider in the console's layout would
/// keep the same 12 KB of style text in every circuit's render tree.
/// </summary>
internal static class ConsoleThemeStylesheet
{
    public const string Path = "/css/console-theme.css";
    public const string DarkScope = "html[data-console-theme=dark]";

    private static readonly Lazy<(string Css, string Version)> Built = new(() =>
    {
        var css = BuildAsync().GetAwaiter().GetResult();
        return (css, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12]);
    });

    /// <summary>The stylesheet's text.</summary>
    public static string Css => Built.Value.Css;

    /// <summary>Its address with a version, so a browser may keep it until the theme changes.</summary>
    public static string Href => $"{Path}?v={Built.Value.Version}";

    public static IEndpointRouteBuilder MapConsoleThemeStylesheet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = context.Request.Query["v"] == Built.Value.Version
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            return Results.Text(Css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<string> BuildAsync()
    {
        // The theme provider needs a logger and a JS runtime (called only when it is disposed, to stop watching the system's theme).
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IJSRuntime, NoJSRuntime>().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var light = await RenderAsync(renderer, dark: false);
        var dark = await RenderAsync(renderer, dark: true);
        var css = new StringBuilder();
        foreach (var block in StyleBlocks(light)) css.AppendLine(block);
        // Only the palette differs in the dark theme (scrollbar and chart rules are the same).
        var darkPalette = StyleBlocks(dark).Single(b => b.TrimStart().StartsWith(":root", StringComparison.Ordinal)).TrimStart();
        css.AppendLine(DarkScope + darkPalette[":root".Length..]);
        return css.ToString();
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, bool dark) => renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = ConsoleTheme.Value,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
        });
        return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
    });

    // The contents of each <style> element of the provider's markup.
    private static IEnumerable<string> StyleBlocks(string html)
    {
        for (var at = html.IndexOf("<style", StringComparison.Ordinal); at >= 0; at = html.IndexOf("<style", at, StringComparison.Ordinal))
        {
            var start = html.IndexOf('>', at) + 1;
            var end = html.IndexOf("</style>", start, StringComparison.Ordinal);
            yield return html[start..end].Trim();
            at = end;
        }
    }

    // No browser: every call answers nothing.
    private sealed class NoJSRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
