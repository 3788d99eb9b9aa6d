using Bunit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Ecommerce.Web.Components.Merchant.Shops.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ecommerce.Tests.Components;

/// <summary>The shop builder's section list rendered with bunit: moves by button, keyboard and drag, and its messages.</summary>
public sealed class ShopBuilderComponentTests : BunitContext
{
    private readonly List<ShopSection> sections =
    [
        new() { Kind = ShopSectionKind.RichText, Heading = "First" },
        new() { Kind = ShopSectionKind.Announcement, Text = "Sale" },
        new() { Kind = ShopSectionKind.RichText, Heading = "Third" },
    ];
    private int moves;

    public ShopBuilderComponentTests()
    {
        Services.AddMudServices();
        // The editors of these kinds read nothing: a database that is never reached is enough.
        Services.AddSingleton<IDbContextFactory<AppDbContext>, NoDatabase>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ShopBuilder>();
        Services.AddSingleton<StorefrontCatalog>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<SectionList> RenderList(IReadOnlyDictionary<string, string[]>? errors = null) =>
        Render<SectionList>(p => p
            .Add(c => c.Sections, sections)
            .Add(c => c.ShopId, 1)
            .Add(c => c.Errors, errors ?? new Dictionary<string, string[]>())
            .Add(c => c.OnMoved, EventCallback.Factory.Create(this, () => moves++)));

    private string[] Order => sections.Select(s => s.Heading ?? s.Text!).ToArray();

    [Fact]
    public void Move_buttons_reorder_and_the_new_position_is_announced()
    {
        var cut = RenderList();
        Assert.True(cut.FindAll("button.move-up")[0].HasAttribute("disabled"));
        Assert.True(cut.FindAll("button.move-down")[2].HasAttribute("disabled"));

        cut.FindAll("button.move-down")[0].Click();

        Assert.Equal(["Sale", "First", "Third"], Order);
        Assert.Equal(1, moves);
        Assert.Equal("Rich text “First” moved to position 2 of 3.", cut.Find(".section-announcer").TextContent);
        Assert.Equal(["1. Announcement bar", "2. Rich text", "3. Rich text"], cut.FindAll(".section-editor h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void Arrow_keys_on_a_handle_move_its_section_and_other_keys_do_nothing()
    {
        var cut = RenderList();
        cut.FindAll(".section-handle")[2].KeyDown(new KeyboardEventArgs { Key = "ArrowUp", AltKey = true });
        Assert.Equal(["First", "Third", "Sale"], Order);
        Assert.Equal("Rich text “Third” moved to position 2 of 3.", cut.Find(".section-announcer").TextContent);

        cut.FindAll(".section-handle")[0].KeyDown(new KeyboardEventArgs { Key = "ArrowUp", AltKey = true }); // already first
        cut.FindAll(".section-handle")[0].KeyDown(new KeyboardEventArgs { Key = "x" });
        Assert.Equal(["First", "Third", "Sale"], Order);

        cut.FindAll(".section-handle")[0].KeyDown(new KeyboardEventArgs { Key = "End" });
        Assert.Equal(["Third", "Sale", "First"], Order);
        Assert.Equal(2, moves);
        Assert.Equal("Reorder section 3 of 3, Rich text", cut.FindAll(".section-handle")[2].GetAttribute("aria-label"));
    }

    [Fact]
    public void Dropping_a_dragged_handle_on_a_section_moves_it_there()
    {
        var cut = RenderList();
        cut.FindAll(".section-handle")[2].DragStart();
        cut.FindAll(".section-editor")[0].DragEnter();
        Assert.Contains("drop-target", cut.FindAll(".section-editor")[0].ClassList);
        cut.FindAll(".section-editor")[0].Drop();

        Assert.Equal(["Third", "First", "Sale"], Order);
        Assert.DoesNotContain(cut.FindAll(".section-editor"), e => e.ClassList.Contains("drop-target") || e.ClassList.Contains("dragging"));

        cut.FindAll(".section-editor")[1].Drop(); // a drop without a drag (a file from the desktop) moves nothing
        Assert.Equal(["Third", "First", "Sale"], Order);
        Assert.Equal(1, moves);
    }

    [Fact]
    public void A_save_problem_shows_under_its_own_section_as_text()
    {
        var cut = RenderList(new Dictionary<string, string[]> { ["sections[1].text"] = ["Too long <b>text</b>"] });
        var editors = cut.FindAll(".section-editor");
        Assert.Empty(editors[0].QuerySelectorAll(".field-error"));
        Assert.Equal("Too long <b>text</b>", editors[1].QuerySelector(".field-error")!.TextContent);
        Assert.Null(editors[1].QuerySelector(".field-error b"));
    }

    private sealed class NoDatabase : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => throw new InvalidOperationException("These components must not read the database.");
    }
}
