using MudBlazor;

namespace Ecommerce.Web.Components.Layout;

/// <summary>
/// The consoles' MudBlazor theme: MudBlazor's default with the light palette's status colours darkened so that white text
/// on them, and them as text on white, reach WCAG AA contrast (4.5:1; axe-core flagged the defaults on chips and buttons),
/// and the dark palette's colours lightened with dark text on them: MudBlazor's dark defaults put white text on mid-tone
/// colours (2–4:1) and those colours, as text, on the dark surfaces (3:1), and its secondary text reaches only 4.3:1.
/// Read once, into the shared stylesheet (ConsoleThemeStylesheet).
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
        PaletteDark = new PaletteDark
        {
            // Each at least 4.5:1 as text on the background, the surface and the drawer, and with OnColour on it.
            Primary = "#a99ff2", PrimaryContrastText = OnColour,
            Secondary = "#ff80ab", SecondaryContrastText = OnColour,
            Tertiary = "#4fdcbf", TertiaryContrastText = OnColour,
            Info = "#6ab7ff", InfoContrastText = OnColour,
            Success = "#4cd59a", SuccessContrastText = OnColour,
            Warning = "#ffb74d", WarningContrastText = OnColour,
            Error = "#ff8f9b", ErrorContrastText = OnColour,
            // Text-variant alerts write in the "darken" shade, too dark on a dark page: it is the colour itself here.
            InfoDarken = "#6ab7ff", SuccessDarken = "#4cd59a", WarningDarken = "#ffb74d", ErrorDarken = "#ff8f9b",
            TextSecondary = "rgba(255,255,255,0.65)",
            DrawerText = "rgba(255,255,255,0.70)",
            DrawerIcon = "rgba(255,255,255,0.70)",
        },
    };

    private const string OnColour = "#1b1b21";
}
