using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Admin;

/// <summary>The admin API over real HTTP with the admin's bearer token: suspension, moderation, users, audit, bad input.</summary>
[Collection(WebCollection.Name)]
public sealed class AdminGovernanceApiTests(WebAppFixture app)
{
    private Task<HttpClient> AdminAsync() => AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);

    [Fact]
    public async Task Suspending_a_shop_over_the_api_removes_its_product_from_search_until_it_is_reinstated()
    {
        var (shopId, shopName, _, word) = await AdminTestKit.ShopWithProductAsync(app);
        await AdminTestKit.WaitForSearchTotalAsync(app, word, 1);
        using var admin = await AdminAsync();

        var noReason = await admin.PostAsync($"/api/v1/admin/shops/{shopId}/suspend", AdminTestKit.Json(new { reason = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/shops/{shopId}/suspend", AdminTestKit.Json(new { reason = "Unpaid fees" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/admin/shops/{shopId}/suspend", AdminTestKit.Json(new { reason = "again" }))).StatusCode);
        await AdminTestKit.WaitForSearchTotalAsync(app, word, 0);
        var suspended = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/shops?status=Suspended&search={Uri.EscapeDataString(shopName)}");
        var row = suspended.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("Suspended", "Unpaid fees"), (row.GetProperty("status").GetString(), row.GetProperty("statusReason").GetString()));

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?action=shop.suspended&shopId={shopId}");
        var entry = audit.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(WebAppFixture.AdminEmail, entry.GetProperty("actor").GetString());
        Assert.Contains("Suspended", entry.GetProperty("after").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/shops/{shopId}/reinstate", AdminTestKit.Json(new { reason = "Fees paid" }))).StatusCode);
        await AdminTestKit.WaitForSearchTotalAsync(app, word, 1);
    }

    [Fact]
    public async Task Unlisting_over_the_api_removes_a_product_from_search_and_relisting_brings_it_back()
    {
        var (_, _, productId, word) = await AdminTestKit.ShopWithProductAsync(app);
        await AdminTestKit.WaitForSearchTotalAsync(app, word, 1);
        using var admin = await AdminAsync();

        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products?search={word}");
        Assert.Equal(productId, found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/products/{productId}/unlist", AdminTestKit.Json(new { reason = "Recalled" }))).StatusCode);
        await AdminTestKit.WaitForSearchTotalAsync(app, word, 0);
        var unlisted = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products?unlisted=true&search={word}");
        Assert.Equal("Recalled", unlisted.GetProperty("items").EnumerateArray().Single().GetProperty("unlistedReason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/products/{productId}/relist", AdminTestKit.JsonContent(""))).StatusCode);
        await AdminTestKit.WaitForSearchTotalAsync(app, word, 1);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/products/999999999/unlist", AdminTestKit.Json(new { reason = "x" }))).StatusCode);
    }

    [Fact]
    public async Task A_locked_user_cannot_log_in_until_unlocked()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        var userId = await app.UserIdAsync(email);
        using var admin = await AdminAsync();
        using var anonymous = app.CreateClient();

        var noReason = await admin.PostAsync($"/api/v1/admin/users/{userId}/lock", AdminTestKit.Json(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var locked = await admin.PostAsync($"/api/v1/admin/users/{userId}/lock", AdminTestKit.Json(new { reason = "Card testing" }));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.True((await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockedOut").GetBoolean());
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = AdminTestKit.Password })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/users/{userId}/unlock", AdminTestKit.JsonContent(""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = AdminTestKit.Password })).StatusCode);
    }

    [Fact]
    public async Task Roles_change_over_the_api_but_an_admin_cannot_drop_their_own_admin_role()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        var userId = await app.UserIdAsync(email);
        using var admin = await AdminAsync();

        var changed = await admin.PutAsync($"/api/v1/admin/users/{userId}/roles", AdminTestKit.Json(new { roles = new[] { "Shopper", "Merchant" } }));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["Merchant", "Shopper"], (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var adminId = await app.UserIdAsync(WebAppFixture.AdminEmail);
        var own = await admin.PutAsync($"/api/v1/admin/users/{adminId}/roles", AdminTestKit.Json(new { roles = new[] { "Shopper" } }));
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("own Admin role", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/users/no-such-user")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/admin/shops?status=Closed", "status")]
    [InlineData("/api/v1/admin/shops?page=0", "page")]
    [InlineData("/api/v1/admin/audit?from=yesterday", "from")]
    [InlineData("/api/v1/admin/products?unlisted=maybe", "unlisted")]
    [InlineData("/api/v1/admin/events?pageSize=1000", "pageSize")]
    public async Task Bad_query_values_are_400_problems_naming_the_field(string path, string field)
    {
        using var admin = await AdminAsync();
        var response = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_change_sent_with_the_cookie_must_be_json()
    {
        using var admin = await app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        // What a cross-site HTML form could send: refused before anything happens.
        var form = await admin.PostAsync("/api/v1/admin/events/retry-all", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/admin/events/retry-all", AdminTestKit.JsonContent(""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/events")).StatusCode);
    }

    [Fact]
    public async Task The_admin_api_is_described_in_openapi()
    {
        using var client = app.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/admin/shops/{id}/suspend", "/api/v1/admin/products/{id}/unlist", "/api/v1/admin/users/{id}/lock", "/api/v1/admin/events/retry-all", "/api/v1/admin/audit" })
            Assert.Contains($"\"{path}\"", document);
    }
}
