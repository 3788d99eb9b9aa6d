using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Ecommerce.Web.Components.Layout;

/// <summary>
/// Pieces of the console's frame written as MudBlazor's markup (its classes, so its stylesheet and theme apply)
/// rather than as MudBlazor components: the frame stays open with every console page, and each component is memory
/// its circuit keeps (two render trees, its state), which a link or an icon does not need.
/// </summary>
internal static class ConsoleMarkup
{
    /// <summary>A MudBlazor icon (one of <c>Icons.Material.*</c>, an SVG's inner markup), hidden from assistive technology.</summary>
    public static RenderFragment Icon(string svg, string? extraClass = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon mud-icon-size-medium {extraClass}".TrimEnd());
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, svg);
        builder.CloseElement();
    };

    /// <summary>
    /// A navigation drawer link (MudNavLink's look), marked current when <paramref name="currentPath"/> is its page
    /// (or, unless <paramref name="exact"/>, a page under it).
    /// </summary>
    public static RenderFragment NavLink(string href, string text, string currentPath, string? icon = null, bool exact = false) => builder =>
    {
        var current = exact ? currentPath == href : currentPath == href || currentPath.StartsWith(href + "/", StringComparison.Ordinal);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-nav-item");
        builder.OpenElement(2, "a");
        builder.AddAttribute(3, "href", href);
        builder.AddAttribute(4, "class", current ? "mud-nav-link active" : "mud-nav-link");
        if (current) builder.AddAttribute(5, "aria-current", "page");
        if (icon is not null) builder.AddContent(6, Icon(icon, "mud-icon-default mud-nav-link-icon mud-nav-link-icon-default"));
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "mud-nav-link-text");
        builder.AddContent(9, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>MudButton's classes: variant "filled", "outlined" or "text"; color "primary", "default"...; size "small", "medium".</summary>
    public static string Button(string variant, string color, string size = "medium") =>
        $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-{size}";

    /// <summary>A button's start icon (MudButton's StartIcon).</summary>
    public static RenderFragment ButtonIcon(string svg) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-icon-start mud-button-icon-size-medium");
        builder.AddContent(2, Icon(svg));
        builder.CloseElement();
    };

    /// <summary>The current page's path ("/admin/users"), without query or fragment.</summary>
    public static string PathOf(NavigationManager navigation) =>
        "/" + navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0];
}
