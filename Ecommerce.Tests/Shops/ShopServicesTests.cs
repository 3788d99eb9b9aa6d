using System.Text;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Media;
using Ecommerce.Core.Settings;
using Ecommerce.Core.Shipping;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Shops;

/// <summary>Onboarding, shops, shipping zones, the shop builder and uploads through the Core services, on both providers.</summary>
public abstract class ShopServicesTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private MerchantApplications Applications => database.Services.GetRequiredService<MerchantApplications>();
    private ShopEditor Editor => database.Services.GetRequiredService<ShopEditor>();
    private ShopBuilder Builder => database.Services.GetRequiredService<ShopBuilder>();

    private async Task<string> NewUserAsync()
    {
        using var scope = database.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"u-{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    private async Task<bool> IsMerchantAsync(string userId)
    {
        using var scope = database.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsInRoleAsync((await users.FindByIdAsync(userId))!, Roles.Merchant);
    }

    private static MerchantApplicationInput Application(string name = "Acme Ltd") => new(name, "sales@acme.test", null, "fr");

    private async Task<string> ApprovedMerchantAsync()
    {
        var userId = await NewUserAsync();
        var application = await Applications.ApplyAsync(userId, Application());
        await Applications.ApproveAsync(application.Id, Ecommerce.Core.Audit.AuditActor.User(await NewUserAsync(), null));
        return userId;
    }

    private static ShopSettings NewShop(string? slug = null) => new()
    {
        Name = "Corner Shop", Slug = slug ?? "corner-" + Guid.NewGuid().ToString("N")[..8],
        Zones = [new ShippingZone { Name = "Home", Countries = ["us"], Rate = 4.5m, MinDays = 1, MaxDays = 3 }],
    };

    [Fact]
    public async Task An_application_waits_for_an_admin_who_approves_it_and_grants_the_merchant_role()
    {
        var userId = await NewUserAsync();
        var application = await Applications.ApplyAsync(userId, Application());
        Assert.Equal(MerchantStatus.Pending, application.Status);
        Assert.Equal("FR", application.Country);
        Assert.False(await IsMerchantAsync(userId));
        Assert.Contains(application.Id, (await Applications.ListAsync(MerchantStatus.Pending, 0, 100)).Items.Select(a => a.Id));

        var admin = await NewUserAsync();
        await Applications.ApproveAsync(application.Id, Ecommerce.Core.Audit.AuditActor.User(admin, null));

        var decided = (await Applications.OfUserAsync(userId))!;
        Assert.Equal(MerchantStatus.Approved, decided.Status);
        Assert.NotNull(decided.DecidedAt);
        Assert.True(await IsMerchantAsync(userId));
        await using var db = database.NewContext();
        Assert.Equal(admin, (await db.Merchants.SingleAsync(m => m.Id == application.Id)).DecidedByUserId);
        await Assert.ThrowsAsync<ConflictException>(() => Applications.ApproveAsync(application.Id, Ecommerce.Core.Audit.AuditActor.User(admin, null)));
    }

    [Fact]
    public async Task The_automatic_policy_approves_at_once()
    {
        var settings = database.Services.GetRequiredService<PlatformSettings>();
        await settings.SetMerchantApprovalAsync(MerchantApprovalPolicy.Automatic, Ecommerce.Core.Audit.AuditActor.System);
        try
        {
            var userId = await NewUserAsync();
            var application = await Applications.ApplyAsync(userId, Application());
            Assert.Equal(MerchantStatus.Approved, application.Status);
            Assert.True(await IsMerchantAsync(userId));
        }
        finally
        {
            await settings.SetMerchantApprovalAsync(MerchantApprovalPolicy.ByAdmin, Ecommerce.Core.Audit.AuditActor.System);
        }
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_the_applicant_sees_and_may_reapply()
    {
        var userId = await NewUserAsync();
        var application = await Applications.ApplyAsync(userId, Application());
        var admin = await NewUserAsync();
        var missing = await Assert.ThrowsAsync<ValidationException>(() => Applications.RejectAsync(application.Id, Ecommerce.Core.Audit.AuditActor.User(admin, null), "  "));
        Assert.True(missing.Errors.ContainsKey("reason"));

        await Applications.RejectAsync(application.Id, Ecommerce.Core.Audit.AuditActor.User(admin, null), "Business name does not match the registry");
        var rejected = (await Applications.OfUserAsync(userId))!;
        Assert.Equal(MerchantStatus.Rejected, rejected.Status);
        Assert.Equal("Business name does not match the registry", rejected.DecisionReason);
        Assert.False(await IsMerchantAsync(userId));

        var again = await Applications.ApplyAsync(userId, Application("Acme Trading SAS"));
        Assert.Equal(MerchantStatus.Pending, again.Status);
        Assert.Equal(application.Id, again.Id); // still one application per user
        Assert.Null(again.DecisionReason);
    }

    [Fact]
    public async Task One_application_per_user_and_bad_fields_are_named()
    {
        var userId = await NewUserAsync();
        await Applications.ApplyAsync(userId, Application());
        await Assert.ThrowsAsync<ConflictException>(() => Applications.ApplyAsync(userId, Application()));

        var other = await NewUserAsync();
        var bad = await Assert.ThrowsAsync<ValidationException>(() =>
            Applications.ApplyAsync(other, new MerchantApplicationInput("", "not-an-email", null, "France")));
        Assert.Equal(["businessName", "contactEmail", "country"], bad.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_approved_merchants_open_shops()
    {
        var userId = await NewUserAsync();
        await Applications.ApplyAsync(userId, Application());
        await Assert.ThrowsAsync<ConflictException>(() => Editor.CreateAsync(userId, NewShop()));
    }

    [Fact]
    public async Task A_merchant_can_neither_read_nor_change_another_merchants_shop()
    {
        var owner = await ApprovedMerchantAsync();
        var intruder = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(owner, NewShop());
        var settings = await Editor.GetAsync(owner, shopId);
        var page = await Builder.GetAsync(owner, shopId);

        await Assert.ThrowsAsync<NotFoundException>(() => Editor.GetAsync(intruder, shopId));
        settings.Name = "Hijacked";
        await Assert.ThrowsAsync<NotFoundException>(() => Editor.UpdateAsync(intruder, settings));
        await Assert.ThrowsAsync<NotFoundException>(() => Builder.GetAsync(intruder, shopId));
        await Assert.ThrowsAsync<NotFoundException>(() => Builder.SaveDraftAsync(intruder, shopId, [], page.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Builder.PublishAsync(intruder, shopId, [], page.Version));
        Assert.Empty(await Builder.FindProductsAsync(intruder, shopId, null));

        // Not found and not yours are the same answer.
        var notYours = await Assert.ThrowsAsync<NotFoundException>(() => Editor.GetAsync(intruder, shopId));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Editor.GetAsync(intruder, int.MaxValue));
        Assert.Equal(missing.Message, notYours.Message);
        Assert.Equal("Corner Shop", (await Editor.GetAsync(owner, shopId)).Name);
    }

    [Fact]
    public async Task A_taken_or_malformed_slug_is_a_field_error()
    {
        var merchant = await ApprovedMerchantAsync();
        var first = NewShop();
        await Editor.CreateAsync(merchant, first);

        var taken = await Assert.ThrowsAsync<ValidationException>(() => Editor.CreateAsync(merchant, NewShop(first.Slug)));
        Assert.Contains("already taken", taken.Errors["slug"].Single());
        var malformed = await Assert.ThrowsAsync<ValidationException>(() => Editor.CreateAsync(merchant, NewShop("Not A Slug!")));
        Assert.True(malformed.Errors.ContainsKey("slug"));
        Assert.True(await Editor.IsSlugFreeAsync("free-" + Guid.NewGuid().ToString("N")[..8]));
    }

    [Fact]
    public async Task Shipping_zones_are_validated_and_saved()
    {
        var merchant = await ApprovedMerchantAsync();
        var bad = NewShop();
        bad.Zones = [new ShippingZone { Name = "Nowhere", Countries = [], Rate = -1, FreeOver = -5, MinDays = 5, MaxDays = 2 },
                     new ShippingZone { Name = "Typo", Countries = ["USA"], MinDays = 1, MaxDays = 2 }];
        var errors = (await Assert.ThrowsAsync<ValidationException>(() => Editor.CreateAsync(merchant, bad))).Errors;
        Assert.True(errors.ContainsKey("zones[0].countries"));
        Assert.True(errors.ContainsKey("zones[0].rate"));
        Assert.True(errors.ContainsKey("zones[0].freeOver"));
        Assert.True(errors.ContainsKey("zones[0].maxDays"));
        Assert.True(errors.ContainsKey("zones[1].countries"));

        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var shop = await Editor.GetAsync(merchant, shopId);
        Assert.Equal(["US"], shop.Zones.Single().Countries);
        shop.Zones.Add(new ShippingZone { Name = "Europe", Countries = ["FR", "de"], PostalCodePrefixes = ["75"], RateKind = ShippingRateKind.PerItem, Rate = 2, FreeOver = 50, MinDays = 3, MaxDays = 7 });
        shop.Zones.RemoveAt(0);
        await Editor.UpdateAsync(merchant, shop);
        var saved = (await Editor.GetAsync(merchant, shopId)).Zones.Single();
        Assert.Equal(["FR", "DE"], saved.Countries);
        Assert.Equal(50m, saved.FreeOver);
        Assert.True(saved.Covers("FR", null, "75011"));
    }

    [Fact]
    public async Task A_stale_shop_save_is_refused_with_a_clear_message()
    {
        var merchant = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var mine = await Editor.GetAsync(merchant, shopId);
        var theirs = await Editor.GetAsync(merchant, shopId); // the same merchant in another tab

        theirs.Description = "Edited in the other tab";
        await Editor.UpdateAsync(merchant, theirs);
        mine.Description = "Edited here";
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Editor.UpdateAsync(merchant, mine));
        Assert.Contains("changed by someone else", conflict.Message);
        Assert.Equal("Edited in the other tab", (await Editor.GetAsync(merchant, shopId)).Description);

        // The builder saves the same shop row: a draft from the old version is stale too.
        await Assert.ThrowsAsync<ConflictException>(() => Builder.SaveDraftAsync(merchant, shopId, [], mine.Version));
    }

    [Fact]
    public async Task Publishing_copies_the_draft_for_shoppers_and_writes_an_event()
    {
        var merchant = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var page = await Builder.GetAsync(merchant, shopId);
        List<ShopSection> draft =
        [
            new() { Kind = ShopSectionKind.Announcement, Text = "Summer sale" },
            new() { Kind = ShopSectionKind.RichText, Heading = "About us", Text = "**Family** run" },
        ];
        var version = await Builder.SaveDraftAsync(merchant, shopId, draft, page.Version);
        var shoppers = database.Services.GetRequiredService<StorefrontShops>();
        Assert.Empty(await shoppers.PublishedSectionsAsync(shopId)); // a draft is not shown

        await Builder.PublishAsync(merchant, shopId, draft, version);
        var published = await shoppers.PublishedSectionsAsync(shopId);
        Assert.Equal(["Summer sale", "**Family** run"], published.Select(s => s.Text));
        var after = await Builder.GetAsync(merchant, shopId);
        Assert.NotNull(after.PublishedAt);
        Assert.False(after.HasUnpublishedChanges);

        await using var db = database.NewContext();
        var events = await db.OutboxMessages.Where(m => m.Type == EventTypes.ShopPublished).Select(m => m.Payload).ToListAsync();
        Assert.Contains(events, e => e.Contains($"\"shopId\":{shopId}"));
    }

    [Fact]
    public async Task The_theme_is_saved_as_a_draft_and_goes_live_only_on_publish()
    {
        var merchant = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var page = await Builder.GetAsync(merchant, shopId);
        var shoppers = database.Services.GetRequiredService<StorefrontShops>();
        var slug = (await Editor.GetAsync(merchant, shopId)).Slug;
        var theme = new ShopTheme("#AA3300", "/media/logo.png", null, ShopFont.Classic);

        var version = await Builder.SaveDraftAsync(merchant, shopId, page.Draft, page.Version, theme);
        var draft = await Builder.GetAsync(merchant, shopId);
        Assert.Equal(theme with { AccentColor = "#aa3300" }, draft.Theme);
        Assert.True(draft.HasUnpublishedChanges);
        Assert.Equal(page.LiveTheme, draft.LiveTheme);
        Assert.Equal(ShopFont.Modern, (await shoppers.ShopAsync(slug))!.Font); // shoppers still see the old theme

        // Publishing without a theme publishes the saved draft theme.
        await Builder.PublishAsync(merchant, shopId, draft.Draft, version);
        var live = (await shoppers.ShopAsync(slug))!;
        Assert.Equal(new ShopTheme("#aa3300", "/media/logo.png", null, ShopFont.Classic), live.Theme);
        var after = await Builder.GetAsync(merchant, shopId);
        Assert.False(after.HasUnpublishedChanges);
        Assert.Equal(live.Theme, after.Theme);
        await using var db = database.NewContext();
        Assert.Null(await db.Shops.Where(s => s.Id == shopId).Select(s => s.DraftTheme).SingleAsync());
        Assert.Contains(await db.OutboxMessages.Where(m => m.Type == EventTypes.ShopUpdated).Select(m => m.Payload).ToListAsync(),
            e => e.Contains($"\"shopId\":{shopId}"));
    }

    [Fact]
    public async Task A_settings_save_keeps_the_draft_theme_and_a_publish_keeps_the_settings()
    {
        var merchant = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var page = await Builder.GetAsync(merchant, shopId);
        var theme = new ShopTheme("#aa3300", "/media/logo.png", "/media/banner.png", ShopFont.Rounded);
        await Builder.SaveDraftAsync(merchant, shopId, page.Draft, page.Version, theme);

        var settings = await Editor.GetAsync(merchant, shopId);
        settings.Description = "Saved between the draft and its publish";
        await Editor.UpdateAsync(merchant, settings);
        var draft = await Builder.GetAsync(merchant, shopId);
        Assert.Equal(theme, draft.Theme);
        Assert.Equal(page.LiveTheme, draft.LiveTheme);

        await Builder.PublishAsync(merchant, shopId, draft.Draft, draft.Version);
        settings = await Editor.GetAsync(merchant, shopId);
        Assert.Equal("Saved between the draft and its publish", settings.Description);
        settings.Name = "Renamed after the publish";
        await Editor.UpdateAsync(merchant, settings);
        var live = (await database.Services.GetRequiredService<StorefrontShops>().ShopAsync(settings.Slug))!;
        Assert.Equal(theme, live.Theme);
        Assert.Equal("Renamed after the publish", live.Name);
    }

    [Fact]
    public async Task A_bad_theme_is_refused_with_nothing_written_and_only_the_owner_may_change_it()
    {
        var merchant = await ApprovedMerchantAsync();
        var intruder = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var page = await Builder.GetAsync(merchant, shopId);
        List<ShopSection> sections = [new() { Kind = ShopSectionKind.RichText, Heading = "Hello" }];

        var errors = (await Assert.ThrowsAsync<ValidationException>(() => Builder.PublishAsync(merchant, shopId, sections, page.Version,
            new ShopTheme("red;background:url(x)", "javascript:alert(1)", "//evil.test/b.png", (ShopFont)42)))).Errors;
        Assert.Equal(["accentColor", "bannerUrl", "font", "logoUrl"], errors.Keys.Order());
        var unchanged = await Builder.GetAsync(merchant, shopId);
        Assert.Equal(page.Version, unchanged.Version);
        Assert.Empty(unchanged.Draft);
        Assert.Equal(page.Theme, unchanged.Theme);

        await Assert.ThrowsAsync<NotFoundException>(() => Builder.SaveDraftAsync(intruder, shopId, sections, page.Version, page.Theme with { AccentColor = "#000000" }));
        await Assert.ThrowsAsync<NotFoundException>(() => Builder.PublishAsync(intruder, shopId, sections, page.Version, page.Theme with { AccentColor = "#000000" }));
        Assert.Equal(page.Theme, (await Builder.GetAsync(merchant, shopId)).Theme);
    }

    [Fact]
    public async Task Section_links_must_be_relative_or_http_and_products_must_be_the_shops_own()
    {
        var merchant = await ApprovedMerchantAsync();
        var shopId = await Editor.CreateAsync(merchant, NewShop());
        var version = (await Builder.GetAsync(merchant, shopId)).Version;
        var errors = (await Assert.ThrowsAsync<ValidationException>(() => Builder.SaveDraftAsync(merchant, shopId,
        [
            new() { Kind = ShopSectionKind.Hero, ButtonText = "Click", ButtonUrl = "javascript:alert(1)", ImageUrl = "//evil.test/x.png" },
            new() { Kind = ShopSectionKind.FeaturedProducts, ProductIds = [int.MaxValue] },
        ], version))).Errors;
        Assert.True(errors.ContainsKey("sections[0].buttonUrl"));
        Assert.True(errors.ContainsKey("sections[0].imageUrl"));
        Assert.True(errors.ContainsKey("sections[1].productIds"));
        await Builder.SaveDraftAsync(merchant, shopId, [new() { Kind = ShopSectionKind.Hero, ButtonText = "Shop now", ButtonUrl = "/s/x", ImageUrl = "https://cdn.test/a.png" }], version);
    }

    [Fact]
    public async Task Product_sections_list_the_shops_products_by_source_in_one_query_each()
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, "sect-" + Guid.NewGuid().ToString("N")[..6]);
        var tagged = TestData.Product(shop, category, "Tagged lamp", 10m, 1);
        tagged.Tags = ["lighting", "Sale"];
        var plain = TestData.Product(shop, category, "Plain chair", 20m, 1);
        plain.SalesCount = 50;
        var hidden = TestData.Product(shop, category, "Draft desk", 30m, 1, ProductStatus.Draft);
        db.Products.AddRange(tagged, plain, hidden);
        await db.SaveChangesAsync();

        var products = database.Services.GetRequiredService<ShopSectionProducts>();
        ShopSection byTag = new() { Kind = ShopSectionKind.ProductGrid, GridSource = ProductGridSource.Tag, GridTag = "sale", GridCount = 5 };
        ShopSection best = new() { Kind = ShopSectionKind.ProductGrid, GridSource = ProductGridSource.Bestselling, GridCount = 1 };
        ShopSection featured = new() { Kind = ShopSectionKind.FeaturedProducts, ProductIds = [hidden.Id, plain.Id, tagged.Id] };
        var cards = await products.LoadAsync(shop.Id, [byTag, best, featured]);
        Assert.Equal(["Tagged lamp"], cards[byTag.Id].Select(c => c.Name));
        Assert.Equal(["Plain chair"], cards[best.Id].Select(c => c.Name));
        Assert.Equal(["Plain chair", "Tagged lamp"], cards[featured.Id].Select(c => c.Name)); // picked order, drafts hidden
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_not_by_name()
    {
        var media = database.Services.GetRequiredService<MediaStore>();
        var disguised = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script></html>");
        var refused = await Assert.ThrowsAsync<ValidationException>(() => media.SaveAsync("u1", "logo.png", new MemoryStream(disguised)));
        Assert.Contains("Only PNG, JPEG or WebP images up to 5 MB", refused.Errors[MediaStore.Field].Single());
        await Assert.ThrowsAsync<ValidationException>(() => media.SaveAsync("u1", "logo.png",
            new MemoryStream(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"))));
        var tooBig = new byte[5 * 1024 * 1024 + 1];
        TestImages.TinyPng.CopyTo(tooBig, 0);
        await Assert.ThrowsAsync<ValidationException>(() => media.SaveAsync("u1", "huge.png", new MemoryStream(tooBig)));

        var file = await media.SaveAsync("u1", "logo.jpg", new MemoryStream(TestImages.TinyPng)); // a misnamed real PNG is fine
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal((1, 1), (file.Width, file.Height));
        Assert.EndsWith(".png", file.Url);
        var found = await media.FindAsync(file.Url["/media/".Length..]);
        Assert.NotNull(found);
        Assert.Equal("image/jpeg", found.Value.ContentType); // the full variant, re-encoded: never the upload itself
        Assert.NotEqual(TestImages.TinyPng, await File.ReadAllBytesAsync(found.Value.Path));
        Assert.Null(await media.FindAsync($"{file.Id:N}.jpg")); // the extension is part of the address
    }
}

public sealed class SqliteShopServicesTests(SqliteTestDatabase database) : ShopServicesTests<SqliteTestDatabase>(database);

public sealed class PostgresShopServicesTests(PostgresTestDatabase database) : ShopServicesTests<PostgresTestDatabase>(database);
