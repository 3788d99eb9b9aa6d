using System.Text.Json;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>
/// axe-core (from npm, installed by test.sh into Ecommerce.Tests/node_modules) run in the page under test. Its
/// label-content-name-mismatch rule is experimental, off by default, and turned on: a control whose accessible name
/// does not contain its visible words cannot be called by them with voice control.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "Ecommerce.Tests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(file)) return File.ReadAllText(file);
        }
        throw new InvalidOperationException("axe-core is not installed: run `npm ci` in Ecommerce.Tests (test.sh does).");
    });

    /// <summary>The serious and critical violations on the page as it is now, one line each: rule, impact and where.</summary>
    /// <param name="within">A CSS selector to check only part of the page (a modal dialog, whose page behind is dimmed), or null for all of it.</param>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string? within = null)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Content = Source.Value });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async within => {
              const result = await axe.run(within ? { include: [within] } : document, { rules: { 'label-content-name-mismatch': { enabled: true } } });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """, within);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// Headings that skip a level (axe's heading-order: moderate, so not among the serious ones, but Lighthouse's
    /// accessibility score counts it), one line each.
    /// </summary>
    public static async Task<IReadOnlyList<string>> HeadingOrderViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Content = Source.Value });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: ['heading-order'] });
              return result.violations.flatMap(v => v.nodes.map(n => n.target.join(' ')));
            }
            """);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
