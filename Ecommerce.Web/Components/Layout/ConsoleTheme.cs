using MudBlazor;

namespace Ecommerce.Web.Components.Layout;

/// <summary>
/// The consoles' MudBlazor theme: MudBlazor's default with the light palette's status colours darkened so that white text
/// on them, and them as text on white, reach WCAG AA contrast (4.5:1; axe-core flagged the defaults on chips and buttons).
/// One instance for every circuit: the theme is read, never changed.
/// </summary>
internal static class ConsoleTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Secondary = "#c2185b",
            Info = "#0a58ca",
            Success = "#1b7f3b",
            Warning = "#b45309",
            Error = "#c62828",
        },
    };
}
