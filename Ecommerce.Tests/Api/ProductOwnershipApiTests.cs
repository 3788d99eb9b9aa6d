using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Api;

/// <summary>
/// Shop B's key against shop A's product, one endpoint per test: always 404 (as if it did not exist), and the
/// product is unchanged afterwards.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ProductOwnershipApiTests(WebAppFixture app)
{
    private async Task<(HttpClient Owner, HttpClient Other, JsonElement Product)> ProductOfShopAAsync()
    {
        var (_, keyA) = await KeyForAsync(app, ShopA);
        var (_, keyB) = await KeyForAsync(app, ShopB);
        var owner = Client(app, keyA);
        return (owner, Client(app, keyB), await CreateAsync(owner));
    }

    private static async Task AssertNotFoundAndUnchangedAsync(HttpResponseMessage response, HttpClient owner, JsonElement product)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await JsonOf(response)).GetProperty("status").GetInt32());
        var now = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.GetProperty("id").GetInt32()}");
        Assert.Equal(product.GetProperty("version").GetString(), now.GetProperty("version").GetString());
        Assert.Equal(30, now.GetProperty("variants")[0].GetProperty("remaining_supply").GetInt32());
    }

    [Fact]
    public async Task Get_of_another_shops_product_is_404_like_a_missing_one()
    {
        var (owner, other, product) = await ProductOfShopAAsync();
        var response = await other.GetAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}");
        var missing = await other.GetAsync("/api/v1/products/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await AssertNotFoundAndUnchangedAsync(response, owner, product);
    }

    [Fact]
    public async Task Put_of_another_shops_product_is_404()
    {
        var (owner, other, product) = await ProductOfShopAAsync();
        var response = await other.PutAsJsonAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}", SeedPayload("Stolen"));
        await AssertNotFoundAndUnchangedAsync(response, owner, product);
    }

    [Fact]
    public async Task Patch_of_another_shops_product_is_404()
    {
        var (owner, other, product) = await ProductOfShopAAsync();
        var response = await other.PatchAsJsonAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}", new { name = "Stolen" });
        await AssertNotFoundAndUnchangedAsync(response, owner, product);
    }

    [Fact]
    public async Task Delete_of_another_shops_product_is_404()
    {
        var (owner, other, product) = await ProductOfShopAAsync();
        var response = await other.DeleteAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}");
        await AssertNotFoundAndUnchangedAsync(response, owner, product);
    }

    [Fact]
    public async Task Patch_stock_of_another_shops_product_is_404_with_or_without_the_variant_id()
    {
        var (owner, other, product) = await ProductOfShopAAsync();
        var path = $"/api/v1/products/{product.GetProperty("id").GetInt32()}/stock";
        var variantId = product.GetProperty("variants")[0].GetProperty("id").GetInt32();
        await AssertNotFoundAndUnchangedAsync(await other.PatchAsJsonAsync(path, new { remaining_supply = 0 }), owner, product);
        await AssertNotFoundAndUnchangedAsync(await other.PatchAsJsonAsync(path, new { variant_id = variantId, delta = -5 }), owner, product);
    }

    [Fact]
    public async Task Another_shops_variant_id_on_my_product_is_refused()
    {
        var (owner, other, product) = await ProductOfShopAAsync();
        var theirs = await CreateAsync(other);
        var response = await owner.PatchAsJsonAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}/stock",
            new { variant_id = theirs.GetProperty("variants")[0].GetProperty("id").GetInt32(), remaining_supply = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonOf(response)).GetProperty("errors").TryGetProperty("variant_id", out _));
        var still = await other.GetFromJsonAsync<JsonElement>($"/api/v1/products/{theirs.GetProperty("id").GetInt32()}");
        Assert.Equal(30, still.GetProperty("variants")[0].GetProperty("remaining_supply").GetInt32());
    }
}
