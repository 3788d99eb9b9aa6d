using System.Text.Json;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Search;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// The admin governance use cases on a real database: suspension and unlisting take products out of search (through the
/// real outbox and index) and out of checkout, and bring them back; every action and every sensitive merchant action
/// writes its audit entry with the state before and after, in the same transaction.
/// </summary>
public abstract class GovernanceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Admin = new("admin-user-id", "admin@test.local");

    private T Get<T>() where T : notnull => database.Services.GetRequiredService<T>();

    /// <summary>A shop (with its merchant user) and one product whose name holds a unique word, indexed.</summary>
    private async Task<(int ShopId, string MerchantUserId, int ProductId, int VariantId, string Word)> ShopWithProductAsync()
    {
        int shopId; string merchantUserId, category;
        await using (var db = database.NewContext())
        {
            var (shop, cat) = await TestData.ShopWithCategoryAsync(db, "gov-" + Guid.NewGuid().ToString("N")[..8]);
            (shopId, merchantUserId, category) = (shop.Id, shop.Merchant!.UserId, cat.Slug);
        }
        var word = "gv" + Guid.NewGuid().ToString("N")[..8];
        var product = await Get<ProductCommands>().CreateAsync(shopId, new ProductInput
        {
            Name = $"{word} lantern", Category = category, Variants = [new VariantInput { Price = 20m, Stock = 10 }],
        });
        await Get<SearchIndexer>().CatchUpAsync();
        await using var check = database.NewContext();
        var variantId = await check.ProductVariants.Where(v => v.ProductId == product.Id).Select(v => v.Id).SingleAsync();
        return (shopId, merchantUserId, product.Id, variantId, word);
    }

    private int SearchTotal(string word) => Get<ProductSearchIndex>().Search(new SearchQuery { Text = word }).Total;

    private async Task<string?> CheckoutProblemAsync(int variantId)
    {
        await using var db = database.NewContext();
        var quote = await Get<Pricer>().QuoteAsync(db, new QuoteRequest([new LineRequest(variantId, 1)]));
        return quote.Lines.Single().Problem;
    }

    /// <summary>What a shopper can reach of the product outside search: its page, its shop's page, its live flash deal.</summary>
    private async Task<(bool ProductPage, bool ShopPage, bool Deal)> StorefrontShowsAsync(int productId)
    {
        await using var db = database.NewContext();
        var product = await db.Products.AsNoTracking().Include(p => p.Shop).SingleAsync(p => p.Id == productId);
        return (await Get<StorefrontCatalog>().ProductAsync(product.Slug) is not null, await Get<StorefrontShops>().ShopAsync(product.Shop!.Slug) is not null,
            (await Get<Ecommerce.Core.Pricing.LiveDeals>().ForProductAsync(productId)).Count > 0);
    }

    private async Task AddLiveDealAsync(int productId)
    {
        await using var db = database.NewContext();
        db.FlashSales.Add(new Ecommerce.Core.Pricing.FlashSale { ProductId = productId, SalePrice = 15m, StartsAt = DateTime.UtcNow.AddHours(-1), EndsAt = DateTime.UtcNow.AddHours(1) });
        await db.SaveChangesAsync();
    }

    private async Task<AuditEntry> LatestAuditAsync(string action, string subjectId)
    {
        var page = await Get<AuditLog>().SearchAsync(new AuditQuery(Action: action, SubjectId: subjectId), PageRequest.Of(1, 10));
        return Assert.Single(page.Items);
    }

    [Fact]
    public async Task Suspending_a_shop_takes_its_products_out_of_search_and_checkout_and_reinstating_brings_them_back()
    {
        var (shopId, merchant, productId, variantId, word) = await ShopWithProductAsync();
        await AddLiveDealAsync(productId);
        var key = await Get<ApiKeys>().CreateAsync(merchant, shopId, "Feed");
        Assert.Equal(1, SearchTotal(word));
        Assert.Null(await CheckoutProblemAsync(variantId));
        Assert.Equal((true, true, true), await StorefrontShowsAsync(productId));

        await Get<ShopSuspensions>().SuspendAsync(Admin, shopId, "Counterfeit goods reported");
        Assert.Equal((false, false, false), await StorefrontShowsAsync(productId));
        Assert.Null(await Get<ApiKeys>().AuthenticateAsync(key.Secret)); // its API keys stop working too
        await Get<SearchIndexer>().CatchUpAsync(); // the shop.status-changed event, read from the outbox
        Assert.Equal(0, SearchTotal(word));
        Assert.Equal("is no longer sold", await CheckoutProblemAsync(variantId));
        var suspended = await LatestAuditAsync("shop.suspended", shopId.ToString());
        Assert.Equal(("admin-user-id", "admin@test.local", shopId, "Counterfeit goods reported"), (suspended.ActorId, suspended.ActorName, suspended.ShopId, suspended.Reason));
        Assert.Equal("Active", JsonDocument.Parse(suspended.Before!).RootElement.GetProperty("status").GetString());
        Assert.Equal("Suspended", JsonDocument.Parse(suspended.After!).RootElement.GetProperty("status").GetString());
        var listed = await Get<ShopSuspensions>().ListAsync(null, ShopStatus.Suspended, PageRequest.Of(1, 100));
        Assert.Contains(listed.Items, s => s.Id == shopId && s.StatusReason == "Counterfeit goods reported");

        await Get<ShopSuspensions>().ReinstateAsync(Admin, shopId, "Invoices checked");
        await Get<SearchIndexer>().CatchUpAsync();
        Assert.Equal(1, SearchTotal(word));
        Assert.Equal((true, true, true), await StorefrontShowsAsync(productId));
        Assert.Equal(shopId, await Get<ApiKeys>().AuthenticateAsync(key.Secret));
        Assert.Null(await CheckoutProblemAsync(variantId));
        var reinstated = await LatestAuditAsync("shop.reinstated", shopId.ToString());
        Assert.Equal("Active", JsonDocument.Parse(reinstated.After!).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_suspension_needs_a_reason_and_a_shop_in_the_other_state()
    {
        var (shopId, _, _, _, _) = await ShopWithProductAsync();
        var noReason = await Assert.ThrowsAsync<ValidationException>(() => Get<ShopSuspensions>().SuspendAsync(Admin, shopId, "  "));
        Assert.Contains("reason", noReason.Errors.Keys);
        await Assert.ThrowsAsync<ConflictException>(() => Get<ShopSuspensions>().ReinstateAsync(Admin, shopId, "not suspended"));
        await Assert.ThrowsAsync<NotFoundException>(() => Get<ShopSuspensions>().SuspendAsync(Admin, int.MaxValue, "why"));
        // Nothing was half-written by the refusals.
        await using var db = database.NewContext();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.SubjectType == "shop" && e.SubjectId == shopId.ToString()));
        Assert.Equal(ShopStatus.Active, await db.Shops.Where(s => s.Id == shopId).Select(s => s.Status).SingleAsync());
    }

    [Fact]
    public async Task Unlisting_a_product_takes_it_off_sale_everywhere_and_tells_its_merchant_why()
    {
        var (shopId, merchant, productId, variantId, word) = await ShopWithProductAsync();
        var slug = (await Get<MerchantCatalog>().FindForEditAsync(merchant, productId))!.Slug;
        await AddLiveDealAsync(productId);

        await Get<ProductModeration>().UnlistAsync(Admin, productId, "Misleading health claims");
        Assert.Equal((false, true, false), await StorefrontShowsAsync(productId)); // the shop stays open
        await Get<SearchIndexer>().CatchUpAsync();
        Assert.Equal(0, SearchTotal(word));
        Assert.Equal("is no longer sold", await CheckoutProblemAsync(variantId));
        Assert.Null(await Get<StorefrontCatalog>().ProductAsync(slug));
        var row = (await Get<MerchantCatalog>().ProductsAsync(merchant, new MerchantProductQuery(0, 20, ShopId: shopId))).Items.Single();
        Assert.Equal("Misleading health claims", row.UnlistedReason);
        // The merchant publishing it again does not relist it: only an admin can.
        await Get<ProductCommands>().SetStatusAsync(merchant, [productId], ProductStatus.Active);
        Assert.Equal("is no longer sold", await CheckoutProblemAsync(variantId));
        var unlisted = await Get<ProductModeration>().SearchAsync(null, shopId, unlistedOnly: true, PageRequest.Of(1, 20));
        Assert.Equal(productId, Assert.Single(unlisted.Items).Id);
        var entry = await LatestAuditAsync("product.unlisted", productId.ToString());
        Assert.Equal(shopId, entry.ShopId);
        Assert.Contains("Misleading", entry.After);

        await Get<ProductModeration>().RelistAsync(Admin, productId);
        await Get<SearchIndexer>().CatchUpAsync();
        Assert.Equal(1, SearchTotal(word));
        Assert.Null(await CheckoutProblemAsync(variantId));
        Assert.NotNull(await Get<StorefrontCatalog>().ProductAsync(slug));
        await LatestAuditAsync("product.relisted", productId.ToString());
        await Assert.ThrowsAsync<ValidationException>(() => Get<ProductModeration>().UnlistAsync(Admin, productId, ""));
    }

    [Fact]
    public async Task Merchant_price_and_stock_changes_and_api_keys_are_audited_with_before_and_after()
    {
        var (shopId, merchant, productId, variantId, _) = await ShopWithProductAsync();
        var product = (await Get<MerchantCatalog>().FindForEditAsync(merchant, productId))!;
        var input = new ProductInput
        {
            Name = product.Name, Category = product.Category!.Slug,
            Variants = [new VariantInput { Id = variantId, Sku = product.Variants[0].Sku, Price = 24.50m, Stock = 10 }],
        };
        await Get<ProductCommands>().UpdateAsync(shopId, productId, input, product.Version, merchant);
        var price = await LatestAuditAsync("product.price-changed", productId.ToString());
        Assert.Equal(merchant, price.ActorId);
        Assert.Equal(shopId, price.ShopId);
        Assert.Equal(20m, JsonDocument.Parse(price.Before!).RootElement.GetProperty("variants")[0].GetProperty("price").GetDecimal());
        Assert.Equal(24.50m, JsonDocument.Parse(price.After!).RootElement.GetProperty("variants")[0].GetProperty("price").GetDecimal());

        // An edit that changes no price writes no price entry.
        var unchanged = (await Get<MerchantCatalog>().FindForEditAsync(merchant, productId))!;
        await Get<ProductCommands>().UpdateAsync(shopId, productId, input with { Description = "Now with a description." }, unchanged.Version, merchant);
        Assert.Single((await Get<AuditLog>().SearchAsync(new AuditQuery(Action: "product.price-changed", SubjectId: productId.ToString()), PageRequest.Of(1, 10))).Items);

        await Get<StockService>().AdjustAsync(shopId, variantId, -3, "Damaged in storage", merchant);
        var stock = await LatestAuditAsync("stock.adjusted", variantId.ToString());
        Assert.Equal("Damaged in storage", stock.Reason);
        Assert.Equal(10, JsonDocument.Parse(stock.Before!).RootElement.GetProperty("onHand").GetInt32());
        Assert.Equal(7, JsonDocument.Parse(stock.After!).RootElement.GetProperty("onHand").GetInt32());
        await Get<StockService>().SetAsync(shopId, variantId, 50, "Stock take", actor: AuditActor.ApiKey("mk_abcd1234"));
        var set = (await Get<AuditLog>().SearchAsync(new AuditQuery(Action: "stock.adjusted", SubjectId: variantId.ToString()), PageRequest.Of(1, 10))).Items[0];
        Assert.Equal(("api-key:mk_abcd1234", 7, 50), (set.ActorName, JsonDocument.Parse(set.Before!).RootElement.GetProperty("onHand").GetInt32(),
            JsonDocument.Parse(set.After!).RootElement.GetProperty("onHand").GetInt32()));

        var key = await Get<ApiKeys>().CreateAsync(merchant, shopId, "Warehouse sync");
        var created = await LatestAuditAsync("api-key.created", key.Id.ToString());
        Assert.Contains(key.Prefix, created.After);
        Assert.DoesNotContain(key.Secret, created.After); // never the secret
        await Get<ApiKeys>().RevokeAsync(merchant, shopId, key.Id);
        await Get<ApiKeys>().RevokeAsync(merchant, shopId, key.Id); // twice: harmless, recorded once
        await LatestAuditAsync("api-key.revoked", key.Id.ToString());

        var byShop = await Get<AuditLog>().SearchAsync(new AuditQuery(ShopId: shopId), PageRequest.Of(1, 100));
        Assert.Equal(["api-key.created", "api-key.revoked", "product.price-changed", "stock.adjusted", "stock.adjusted"], byShop.Items.Select(e => e.Action).Order());
    }

    [Fact]
    public async Task Retrying_a_parked_event_requeues_it_and_is_audited()
    {
        long id;
        await using (var db = database.NewContext())
        {
            var message = db.Enqueue("test.parked-by-hand", new { note = "<script>alert(1)</script>" });
            message.Status = OutboxStatus.Failed;
            message.Attempts = 8;
            message.LastError = "boom";
            await db.SaveChangesAsync();
            id = message.Id;
        }
        Assert.Contains((await Get<OutboxMonitor>().FailedAsync(PageRequest.Of(1, 100))).Items, m => m.Id == id);

        Assert.Equal(1, await Get<FailedEventRetries>().RetryAsync(Admin, id));
        await using (var db = database.NewContext())
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Equal((OutboxStatus.Pending, 0), (message.Status, message.Attempts));
        }
        Assert.Contains("\"requeued\":1", (await LatestAuditAsync("event.retried", id.ToString())).After);
        await Assert.ThrowsAsync<NotFoundException>(() => Get<FailedEventRetries>().RetryAsync(Admin, id)); // no longer failed
    }

    [Fact]
    public async Task An_admin_changes_roles_locks_unlocks_and_resets_two_factor_and_each_is_audited()
    {
        string userId, adminId;
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All)
                if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
            var user = new AppUser { UserName = $"u{Guid.NewGuid():N}@test.local", Email = $"u{Guid.NewGuid():N}@test.local" };
            Assert.True((await users.CreateAsync(user, "Password-123!")).Succeeded);
            await users.SetTwoFactorEnabledAsync(user, true);
            var admin = new AppUser { UserName = $"a{Guid.NewGuid():N}@test.local", Email = $"a{Guid.NewGuid():N}@test.local" };
            Assert.True((await users.CreateAsync(admin, "Password-123!")).Succeeded);
            await users.AddToRoleAsync(admin, Roles.Admin);
            (userId, adminId) = (user.Id, admin.Id);
        }
        var administration = Get<UserAdministration>();
        var me = AuditActor.User(adminId, "me@test.local");

        await administration.SetRolesAsync(me, userId, [Roles.Shopper, Roles.Merchant]);
        Assert.Equal([Roles.Merchant, Roles.Shopper], (await administration.DetailAsync(userId)).Roles);
        var roleEntry = await LatestAuditAsync("user.roles-changed", userId);
        Assert.Contains("Merchant", roleEntry.After);
        Assert.DoesNotContain("Merchant", roleEntry.Before);
        var ownAdmin = await Assert.ThrowsAsync<ValidationException>(() => administration.SetRolesAsync(me, adminId, [Roles.Shopper]));
        Assert.Contains("own Admin role", ownAdmin.Errors["roles"][0]);
        await Assert.ThrowsAsync<ValidationException>(() => administration.SetRolesAsync(me, userId, ["Superuser"]));

        await Assert.ThrowsAsync<ValidationException>(() => administration.LockAsync(me, userId, ""));
        await administration.LockAsync(me, userId, "Chargeback fraud");
        Assert.True((await administration.DetailAsync(userId)).LockedOut);
        Assert.Equal("Chargeback fraud", (await LatestAuditAsync("user.locked", userId)).Reason);
        await administration.UnlockAsync(me, userId);
        Assert.False((await administration.DetailAsync(userId)).LockedOut);
        await LatestAuditAsync("user.unlocked", userId);

        await administration.ResetTwoFactorAsync(me, userId);
        Assert.False((await administration.DetailAsync(userId)).TwoFactor);
        Assert.Contains("false", (await LatestAuditAsync("user.two-factor-reset", userId)).After);
        await Assert.ThrowsAsync<NotFoundException>(() => administration.LockAsync(me, "no-such-user", "why"));
    }
}

public sealed class SqliteGovernanceTests(SqliteTestDatabase database) : GovernanceTests<SqliteTestDatabase>(database);

public sealed class PostgresGovernanceTests(PostgresTestDatabase database) : GovernanceTests<PostgresTestDatabase>(database);
