using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Data;

/// <summary>The console queries on a real database: scoped to the owner, paged and sorted in SQL.</summary>
public abstract class ConsoleQueryTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private async Task<(Shop Mine, Shop Theirs, string MyUserId)> TwoShopsAsync()
    {
        await using var db = database.NewContext();
        var (mine, category) = await TestData.ShopWithCategoryAsync(db, "mine-" + Guid.NewGuid().ToString("N")[..6]);
        var (theirs, _) = await TestData.ShopWithCategoryAsync(db, "theirs-" + Guid.NewGuid().ToString("N")[..6]);
        for (var i = 0; i < 25; i++) db.Products.Add(TestData.Product(mine, category, $"Mine {i:00}", 10m + i, stock: i));
        db.Products.Add(TestData.Product(theirs, category, "Theirs", 1m, 1));
        await db.SaveChangesAsync();
        var userId = await db.Merchants.Where(m => m.Id == mine.MerchantId).Select(m => m.UserId).SingleAsync();
        return (mine, theirs, userId);
    }

    [Fact]
    public async Task A_merchant_sees_only_products_of_their_own_shops()
    {
        var (_, theirs, me) = await TwoShopsAsync();
        var catalog = database.Services.GetRequiredService<MerchantCatalog>();

        var all = await catalog.ProductsAsync(me, new MerchantProductQuery(0, 100));
        Assert.Equal(25, all.Total);
        Assert.DoesNotContain(all.Items, r => r.Name == "Theirs");

        // Asking for another merchant's shop explicitly gives nothing, not their products.
        var other = await catalog.ProductsAsync(me, new MerchantProductQuery(0, 100, ShopId: theirs.Id));
        Assert.Equal(0, other.Total);
    }

    [Theory]
    [InlineData(MerchantProductSort.Name, false, "Mine 00")]
    [InlineData(MerchantProductSort.Name, true, "Mine 24")]
    [InlineData(MerchantProductSort.MinPrice, true, "Mine 24")]
    [InlineData(MerchantProductSort.Stock, false, "Mine 00")]
    public async Task Pages_are_sorted_by_the_database(MerchantProductSort sort, bool descending, string first)
    {
        var (_, _, me) = await TwoShopsAsync();
        var catalog = database.Services.GetRequiredService<MerchantCatalog>();

        var page1 = await catalog.ProductsAsync(me, new MerchantProductQuery(0, 10, sort, descending));
        var page3 = await catalog.ProductsAsync(me, new MerchantProductQuery(20, 10, sort, descending));
        Assert.Equal(first, page1.Items[0].Name);
        Assert.Equal(10, page1.Items.Count);
        Assert.Equal(5, page3.Items.Count);
        Assert.Equal(3, page3.Page);
        Assert.Empty(page1.Items.Select(r => r.Id).Intersect(page3.Items.Select(r => r.Id)));
    }

    [Fact]
    public async Task Admin_users_list_shows_roles_in_one_page()
    {
        await using (var db = database.NewContext()) await TestData.ShopWithCategoryAsync(db, "roles-" + Guid.NewGuid().ToString("N")[..6]);
        var roles = database.Services.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Shopper)) await roles.CreateAsync(new(Roles.Shopper));
        using var scope = database.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var email = $"listed-{Guid.NewGuid():N}@test.local";
        Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email }, "Listed-123!")).Succeeded);

        var page = await database.Services.GetRequiredService<AdminUsers>().UsersAsync(0, 20, search: email);
        var row = Assert.Single(page.Items);
        Assert.Equal(email, row.Email);
        Assert.Equal([Roles.Shopper], row.Roles); // everyone who registers is a Shopper
    }
}

public sealed class SqliteConsoleQueryTests(SqliteTestDatabase database) : ConsoleQueryTests<SqliteTestDatabase>(database);

public sealed class PostgresConsoleQueryTests(PostgresTestDatabase database) : ConsoleQueryTests<PostgresTestDatabase>(database);
