namespace Ecommerce.Web.Components;

internal static class ConsolePaths
{
    public static bool IsConsole(PathString path) =>
        path.StartsWithSegments("/merchant") || path.StartsWithSegments("/admin");
}
