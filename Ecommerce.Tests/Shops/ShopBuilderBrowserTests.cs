using System.Text.RegularExpressions;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Browser;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Shops;

/// <summary>The shop builder in Debian's chromium: reordering by mouse and keyboard, the live preview, publishing.</summary>
[Collection(WebCollection.Name)]
public sealed class ShopBuilderBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task Sections_reorder_by_dragging_and_by_keyboard_and_shoppers_see_the_published_order()
    {
        var (name, slug, _) = await ShopWithDraftAsync("First", "Second", "Third");
        var page = await OpenBuilderAsync(name);
        var editors = page.Locator(".section-editor");
        var preview = page.Locator(".shop-preview .shop-section");
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unpublished");
        await Assertions.Expect(page.Locator(".view-as-shopper")).ToHaveCountAsync(0); // nothing to view before a publish

        // Drag the third section's handle onto the first section: it becomes the first.
        await editors.Nth(2).Locator(".section-handle").DragToAsync(editors.Nth(0));
        await ExpectOrderAsync(preview, "Third", "First", "Second");
        await Assertions.Expect(editors.Nth(0).GetByLabel("Heading")).ToHaveValueAsync("Third");
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unsaved");

        // From the keyboard: Alt+Down on the focused handle moves the section down one place, says so, keeps the focus.
        var handle = editors.Nth(0).Locator(".section-handle");
        await handle.FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await ExpectOrderAsync(preview, "First", "Third", "Second");
        await Assertions.Expect(page.Locator(".section-announcer")).ToHaveTextAsync("Rich text “Third” moved to position 2 of 3.");
        await Assertions.Expect(editors.Nth(1).Locator(".section-handle")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await ExpectOrderAsync(preview, "First", "Second", "Third");
        await Assertions.Expect(page.Locator(".section-announcer")).ToHaveTextAsync("Rich text “Third” moved to position 3 of 3.");

        await page.Locator(".save-draft").ClickAsync();
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unpublished");
        await page.Locator(".publish").ClickAsync();
        await Assertions.Expect(page.Locator(".builder-message")).ToContainTextAsync("Published");
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "published");

        var shopper = await page.RunAndWaitForPopupAsync(() => page.Locator(".view-as-shopper").ClickAsync());
        await shopper.WaitForLoadStateAsync();
        Assert.EndsWith($"/s/{slug}", shopper.Url);
        await ExpectOrderAsync(shopper.Locator(".shop-section"), "First", "Second", "Third");
    }

    [Fact]
    public async Task The_preview_follows_the_typing_and_the_theme_at_desktop_and_phone_widths()
    {
        var (name, slug, _) = await ShopWithDraftAsync("Welcome");
        var page = await OpenBuilderAsync(name);
        var preview = page.Locator(".shop-preview");
        var heading = page.Locator(".section-editor").Nth(0).GetByLabel("Heading");

        await heading.FillAsync("");
        await heading.PressSequentiallyAsync("Hello <b>there</b>");
        // Merchant text is shown as text, never as markup.
        await Assertions.Expect(preview.Locator(".shop-section h2")).ToHaveTextAsync("Hello <b>there</b>");
        await Assertions.Expect(preview.Locator(".shop-section b")).ToHaveCountAsync(0);

        await page.Locator("#builder-accent").FillAsync("#aa3300");
        await Assertions.Expect(preview.Locator(".shop-header")).ToHaveCSSAsync("border-top-color", "rgb(170, 51, 0)");
        await page.GetByLabel("Logo URL").FillAsync("/images/placeholder.svg");
        await page.GetByLabel("Logo URL").PressAsync("Tab");
        await Assertions.Expect(preview.Locator(".shop-header img.shop-logo")).ToHaveCountAsync(1);

        // Desktop: a 1200 px page scaled into the column; phone: a 390 px page.
        var frame = preview.Locator(".preview-frame");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-device", "desktop");
        Assert.Equal(1200, await frame.EvaluateAsync<int>("f => f.offsetWidth"));
        var column = (await preview.Locator(".preview-viewport").BoundingBoxAsync())!.Width;
        var shown = (await frame.BoundingBoxAsync())!.Width;
        Assert.True(shown <= column + 1 && shown < 1200, $"the desktop page is {shown} px wide in a {column} px column");

        await preview.GetByRole(AriaRole.Button, new() { Name = "Phone" }).ClickAsync();
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-device", "phone");
        await Assertions.Expect(preview.GetByRole(AriaRole.Button, new() { Name = "Phone" })).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(390, await frame.EvaluateAsync<int>("f => f.offsetWidth"));
        await Assertions.Expect(preview.Locator(".shop-section h2")).ToHaveTextAsync("Hello <b>there</b>");

        await preview.GetByRole(AriaRole.Button, new() { Name = "Desktop" }).ClickAsync();
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-device", "desktop");
        Assert.Equal(1200, await frame.EvaluateAsync<int>("f => f.offsetWidth"));

        await page.Locator(".font-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Classic (serif)" }).ClickAsync();
        await Assertions.Expect(preview.Locator(".shop-page")).ToHaveClassAsync(new Regex(@"\bshop-font-classic\b"));
        await Assertions.Expect(preview.Locator(".shop-header h1")).ToHaveCSSAsync("font-family", new Regex("Georgia"));

        // The theme is part of the draft: saved, it is still there after a reload, and shoppers do not see it yet.
        await page.Locator(".save-draft").ClickAsync();
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unpublished");
        await page.ReloadAsync();
        await page.Locator("main[data-circuit=ready]").WaitForAsync();
        await Assertions.Expect(preview.Locator(".shop-header")).ToHaveCSSAsync("border-top-color", "rgb(170, 51, 0)");
        await Assertions.Expect(preview.Locator(".shop-page")).ToHaveClassAsync(new Regex(@"\bshop-font-classic\b"));
        var shopper = await browser.NewPageAsync(app.BaseAddress);
        await shopper.GotoAsync($"/s/{slug}");
        await Assertions.Expect(shopper.Locator(".shop-page")).ToHaveClassAsync(new Regex(@"\bshop-font-modern\b"));

        // Published, the theme goes live with the page.
        await page.Locator(".publish").ClickAsync();
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "published");
        // The storefront's cached page is evicted by the shop.published event, delivered through the outbox.
        for (var attempt = 1; ; attempt++)
        {
            await shopper.GotoAsync($"/s/{slug}");
            if (await shopper.Locator(".shop-page.shop-font-classic").CountAsync() == 1 || attempt == 20) break;
            await Task.Delay(500);
        }
        await Assertions.Expect(shopper.Locator(".shop-page")).ToHaveClassAsync(new Regex(@"\bshop-font-classic\b"));
        await Assertions.Expect(shopper.Locator(".shop-header")).ToHaveCSSAsync("border-top-color", "rgb(170, 51, 0)");
        await Assertions.Expect(shopper.Locator(".shop-section h2")).ToHaveTextAsync("Hello <b>there</b>");
    }

    [Fact]
    public async Task A_settings_save_between_a_draft_theme_and_its_publish_keeps_both()
    {
        var (name, slug, _) = await ShopWithDraftAsync("Welcome");
        var page = await OpenBuilderAsync(name);
        await page.Locator("#builder-accent").FillAsync("#aa3300");
        await page.Locator(".save-draft").ClickAsync();
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unpublished");

        // The settings page has no theme fields of its own: it sends the merchant to the builder for them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Shop settings" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/merchant/shops/\d+$"));
        await page.Locator("main[data-circuit=ready]").WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Shop name")).ToHaveValueAsync(name);
        await Assertions.Expect(page.Locator("main input[type=color], main input[type=file]")).ToHaveCountAsync(0);
        await page.GetByLabel("Description (Markdown)").FillAsync("Saved on the settings page");
        await page.Locator(".save-shop").ClickAsync(); // the page runs on its circuit already: one click
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Saved." }).First).ToBeVisibleAsync();

        // Back in the builder the draft theme is untouched; publishing it keeps the settings just saved.
        await page.Locator("a.theme-in-builder").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/merchant/shops/\d+/builder$"));
        await page.Locator(".section-list").WaitForAsync();
        await Assertions.Expect(page.Locator("#builder-accent")).ToHaveValueAsync("#aa3300");
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unpublished");
        await page.Locator(".publish").ClickAsync();
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "published");

        // And a settings save after the publish leaves the published theme as it is.
        await page.GetByRole(AriaRole.Link, new() { Name = "Shop settings" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/merchant/shops/\d+$"));
        await page.Locator("main[data-circuit=ready]").WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Description (Markdown)")).ToHaveValueAsync("Saved on the settings page");
        await page.GetByLabel("Description (Markdown)").FillAsync("Saved again after the publish");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0); // the earlier save's and the publish's are gone
        await page.Locator(".save-shop").ClickAsync(); // the page runs on its circuit already: one click
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Saved." }).First).ToBeVisibleAsync();

        var shopper = await browser.NewPageAsync(app.BaseAddress);
        for (var attempt = 1; ; attempt++) // the cached storefront page is evicted through the outbox
        {
            await shopper.GotoAsync($"/s/{slug}");
            if (await shopper.GetByText("Saved again after the publish").CountAsync() > 0 || attempt == 20) break;
            await Task.Delay(500);
        }
        await Assertions.Expect(shopper.GetByText("Saved again after the publish")).ToBeVisibleAsync();
        await Assertions.Expect(shopper.Locator(".shop-header")).ToHaveCSSAsync("border-top-color", "rgb(170, 51, 0)");
    }

    [Fact]
    public async Task Saving_over_someone_elses_newer_save_says_so_and_keeps_the_edits()
    {
        var (name, _, shopId) = await ShopWithDraftAsync("Mine");
        var page = await OpenBuilderAsync(name);
        // Meanwhile the page is published from another tab.
        var userId = await app.UserIdAsync(DemoSeeder.MerchantEmail);
        var builder = app.Services.GetRequiredService<ShopBuilder>();
        var other = await builder.GetAsync(userId, shopId);
        await builder.PublishAsync(userId, shopId, other.Draft, other.Version);

        var heading = page.Locator(".section-editor").Nth(0).GetByLabel("Heading");
        await heading.FillAsync("Mine, edited");
        await page.Locator(".save-draft").ClickAsync();
        await Assertions.Expect(page.Locator(".builder-message")).ToContainTextAsync("changed by someone else");
        await Assertions.Expect(heading).ToHaveValueAsync("Mine, edited");
        await Assertions.Expect(page.Locator(".publish-state")).ToHaveAttributeAsync("data-state", "unsaved");
        Assert.Equal("Mine", (await builder.GetAsync(userId, shopId)).Draft[0].Heading);
    }

    [Fact]
    public async Task The_builder_has_no_serious_accessibility_violation_at_either_preview_width()
    {
        var (name, _, _) = await ShopWithDraftAsync("Welcome", "About us");
        var page = await OpenBuilderAsync(name, bypassCsp: true);
        var violations = await BuilderViolationsAsync(page);
        Assert.True(violations.Length == 0, string.Join("\n", violations));
        await page.Locator(".shop-preview").GetByRole(AriaRole.Button, new() { Name = "Phone" }).ClickAsync();
        await Assertions.Expect(page.Locator(".preview-frame")).ToHaveAttributeAsync("data-device", "phone");
        violations = await BuilderViolationsAsync(page);
        Assert.True(violations.Length == 0, string.Join("\n", violations));
    }

    // axe-core on the page's main content only: the console's frame around it is checked by the console's own tests.
    private static async Task<string[]> BuilderViolationsAsync(IPage page)
    {
        await Axe.SeriousViolationsAsync(page); // loads axe into the page
        return await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document.querySelector('main'), { rules: { 'label-content-name-mismatch': { enabled: true } } });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 6).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
    }

    private static async Task ExpectOrderAsync(ILocator sections, params string[] headings)
    {
        await Assertions.Expect(sections).ToHaveCountAsync(headings.Length);
        for (var i = 0; i < headings.Length; i++) await Assertions.Expect(sections.Nth(i).Locator("h2")).ToHaveTextAsync(headings[i]);
    }

    // A new shop of the demo merchant with a draft of rich-text sections, so tests do not change the demo shops.
    private async Task<(string Name, string Slug, int ShopId)> ShopWithDraftAsync(params string[] headings)
    {
        var userId = await app.UserIdAsync(DemoSeeder.MerchantEmail);
        var slug = "builder-" + Guid.NewGuid().ToString("N")[..8];
        var name = "Builder " + slug[^8..];
        var editor = app.Services.GetRequiredService<ShopEditor>();
        var builder = app.Services.GetRequiredService<ShopBuilder>();
        var shopId = await editor.CreateAsync(userId, new ShopSettings { Name = name, Slug = slug });
        var layout = await builder.GetAsync(userId, shopId);
        await builder.SaveDraftAsync(userId, shopId, headings.Select(h => new ShopSection { Kind = ShopSectionKind.RichText, Heading = h, Text = $"About {h}" }).ToList(), layout.Version);
        return (name, slug, shopId);
    }

    // From the console's home, as a merchant does: the shop in the navigation, then its "Shop page".
    private async Task<IPage> OpenBuilderAsync(string shopName, bool bypassCsp = false)
    {
        IPage page;
        if (bypassCsp)
        {
            // The page's own security policy allows only its own scripts; axe is injected by the test.
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), BypassCSP = true });
            context.SetDefaultTimeout(15_000);
            page = await context.NewPageAsync();
        }
        else page = await browser.NewPageAsync(app.BaseAddress);
        await page.SetViewportSizeAsync(1400, 900);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        await BrowserSession.OpenInteractiveAsync(page, "/merchant");
        var group = page.Locator("nav.merchant-nav .mud-nav-group", new() { HasText = shopName });
        var link = group.GetByRole(AriaRole.Link, new() { Name = "Shop page" });
        await BrowserSession.ClickUntilAsync(group.GetByText(shopName), link);
        await link.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/merchant/shops/\d+/builder$"));
        await Assertions.Expect(page.Locator("main h1").First).ToContainTextAsync(shopName);
        await page.Locator(".section-list").WaitForAsync();
        return page;
    }
}
