using Bunit;
using Ecommerce.Web.Components.Layout;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Components;

/// <summary>The console frame's own markup (drawer links, the user's menu) rendered with bunit.</summary>
public sealed class ConsoleComponentTests : BunitContext
{
    private sealed class TestAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }

    public ConsoleComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // focus moves are JS calls
        Services.AddSingleton<AntiforgeryStateProvider>(new TestAntiforgery());
    }

    [Theory]
    [InlineData("/admin", "Dashboard")]
    [InlineData("/admin/users", "Users")]
    [InlineData("/admin/tax-rates", "Tax rates")]
    public void The_admin_drawer_marks_the_page_shown_and_only_it(string path, string name)
    {
        var cut = Render<AdminNav>(p => p.Add(n => n.CurrentPath, path));
        var current = cut.FindAll("a[aria-current=page]");
        Assert.Single(current);
        Assert.Equal(path, current[0].GetAttribute("href"));
        Assert.Equal(name, current[0].TextContent.Trim());
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/admin/products" && a.TextContent.Trim() == "Moderation");
    }

    [Fact]
    public void The_user_menu_opens_from_its_button_moves_with_the_arrows_and_closes_with_escape()
    {
        var cut = Render<UserMenu>(p => p.Add(m => m.Name, "admin@test.local"));
        var button = cut.Find("button[aria-haspopup=menu]");
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Contains("admin@test.local", button.TextContent);
        Assert.Empty(cut.FindAll("[role=menuitem]"));

        button.Click();
        Assert.Equal("true", cut.Find("button[aria-haspopup=menu]").GetAttribute("aria-expanded"));
        var items = cut.FindAll("[role=menuitem]");
        Assert.Equal(["Account", "Log out"], items.Select(i => i.TextContent.Trim()));
        // Log-out is a form post to Identity's endpoint with the antiforgery token.
        var form = cut.Find("form.console-logout-form");
        Assert.Equal("/Identity/Account/Logout", form.GetAttribute("action"));
        Assert.Equal("token", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));

        cut.Find(".console-user-menu").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("[role=menuitem]"));
        Assert.Equal("false", cut.Find("button[aria-haspopup=menu]").GetAttribute("aria-expanded"));

        // The arrow keys open it too, and a click beside it closes it.
        cut.Find(".console-user-menu").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Equal(2, cut.FindAll("[role=menuitem]").Count);
        cut.Find(".console-menu-scrim").Click();
        Assert.Empty(cut.FindAll("[role=menuitem]"));
    }

    [Fact]
    public void The_theme_stylesheet_holds_the_light_palette_on_the_root_and_the_dark_one_under_its_attribute()
    {
        var css = ConsoleThemeStylesheet.Css;
        Assert.Matches(@":root\s*\{[^}]*--mud-palette-success: rgba\(27,127,59,1\);", css);
        Assert.Matches(@"html\[data-console-theme=dark\]\s*\{[^}]*--mud-palette-primary: rgba\(169,159,242,1\);", css);
    }
}
