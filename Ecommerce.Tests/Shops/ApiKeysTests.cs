using Ecommerce.Core.Common;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Shops;

/// <summary>Per-shop API keys on a real database: hashing, authentication, revocation, ownership.</summary>
public abstract class ApiKeysTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private ApiKeys Keys => database.Services.GetRequiredService<ApiKeys>();

    private async Task<(int ShopId, string OwnerId, string OtherUserId)> ShopAsync()
    {
        await using var db = database.NewContext();
        var (shop, _) = await TestData.ShopWithCategoryAsync(db, "ak-" + Guid.NewGuid().ToString("N")[..6]);
        var (other, _) = await TestData.ShopWithCategoryAsync(db, "ako-" + Guid.NewGuid().ToString("N")[..6]);
        var owners = await db.Shops.Where(s => s.Id == shop.Id || s.Id == other.Id).ToDictionaryAsync(s => s.Id, s => s.Merchant!.UserId);
        return (shop.Id, owners[shop.Id], owners[other.Id]);
    }

    [Fact]
    public async Task A_created_secret_authenticates_for_its_shop_and_only_its_hash_is_stored()
    {
        var (shopId, owner, _) = await ShopAsync();
        var created = await Keys.CreateAsync(owner, shopId, "Warehouse sync");

        Assert.Matches("^mk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$", created.Secret);
        Assert.StartsWith(created.Prefix + "_", created.Secret);
        Assert.Equal(shopId, await Keys.AuthenticateAsync(created.Secret));

        await using var db = database.NewContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == created.Id);
        Assert.NotEqual(created.Secret, stored.Hash);
        Assert.DoesNotContain(created.Secret[created.Prefix.Length..], stored.Hash);
        Assert.Equal(ApiKeys.HashOf(created.Secret), stored.Hash);
        Assert.NotNull(stored.LastUsedAt);

        var listed = Assert.Single(await Keys.ListAsync(owner, shopId));
        Assert.Equal(("Warehouse sync", created.Prefix, false), (listed.Name, listed.Prefix, listed.IsRevoked));
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var (shopId, owner, _) = await ShopAsync();
        var created = await Keys.CreateAsync(owner, shopId, "Old");
        await Keys.RevokeAsync(owner, shopId, created.Id);
        Assert.Null(await Keys.AuthenticateAsync(created.Secret));
        Assert.True(Assert.Single(await Keys.ListAsync(owner, shopId)).IsRevoked);
    }

    [Fact]
    public async Task A_wrong_secret_with_a_valid_prefix_and_malformed_secrets_are_refused()
    {
        var (shopId, owner, _) = await ShopAsync();
        var created = await Keys.CreateAsync(owner, shopId, "Key");
        var last = created.Secret[^1] == 'A' ? 'B' : 'A';
        Assert.Null(await Keys.AuthenticateAsync(created.Secret[..^1] + last));
        Assert.Null(await Keys.AuthenticateAsync(created.Prefix));
        Assert.Null(await Keys.AuthenticateAsync(created.Secret + new string('x', 200)));
        Assert.Null(await Keys.AuthenticateAsync("Bearer " + created.Secret));
        Assert.Null(await Keys.AuthenticateAsync(""));
        Assert.Null(await Keys.AuthenticateAsync(null));
    }

    [Fact]
    public async Task Keys_of_a_suspended_shop_are_refused()
    {
        var (shopId, owner, _) = await ShopAsync();
        var created = await Keys.CreateAsync(owner, shopId, "Key");
        await using (var db = database.NewContext())
            await db.Shops.Where(s => s.Id == shopId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ShopStatus.Suspended));
        Assert.Null(await Keys.AuthenticateAsync(created.Secret));
    }

    [Fact]
    public async Task Someone_who_does_not_own_the_shop_cannot_create_list_or_revoke_its_keys()
    {
        var (shopId, owner, otherUser) = await ShopAsync();
        var created = await Keys.CreateAsync(owner, shopId, "Key");

        await Assert.ThrowsAsync<NotFoundException>(() => Keys.CreateAsync(otherUser, shopId, "Mine now"));
        await Assert.ThrowsAsync<NotFoundException>(() => Keys.ListAsync(otherUser, shopId));
        await Assert.ThrowsAsync<NotFoundException>(() => Keys.RevokeAsync(otherUser, shopId, created.Id));
        Assert.Equal(shopId, await Keys.AuthenticateAsync(created.Secret));
        Assert.Single(await Keys.ListAsync(owner, shopId));
    }

    [Fact]
    public async Task A_key_needs_a_name()
    {
        var (shopId, owner, _) = await ShopAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() => Keys.CreateAsync(owner, shopId, "  "));
        Assert.Contains("name", error.Errors.Keys);
    }
}

public sealed class SqliteApiKeysTests(SqliteTestDatabase database) : ApiKeysTests<SqliteTestDatabase>(database);

public sealed class PostgresApiKeysTests(PostgresTestDatabase database) : ApiKeysTests<PostgresTestDatabase>(database);
