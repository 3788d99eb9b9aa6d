using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Admin;

/// <summary>The admin API over real HTTP as an admin: figures, settings, categories, tax rates, merchants; bad input is a problem, never a 500.</summary>
[Collection(WebCollection.Name)]
public sealed class AdminPlatformApiTests(WebAppFixture app)
{
    private Task<HttpClient> AdminAsync() => app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_dashboard_answers_the_chosen_range_and_refuses_others()
    {
        using var admin = await AdminAsync();
        var week = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/dashboard?days=7");
        Assert.Equal(7, week.GetProperty("days").GetInt32());
        Assert.Equal(7, week.GetProperty("paidOrders").GetArrayLength());
        Assert.True(week.GetProperty("activeShops").GetInt32() > 0); // the demo shops
        Assert.True(week.GetProperty("search").GetProperty("documents").GetInt64() >= 0);
        Assert.True(week.GetProperty("pipeline").TryGetProperty("failed", out _));
        var bad = await ProblemAsync(await admin.GetAsync("/api/v1/admin/dashboard?days=14"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("days", out _));
    }

    [Fact]
    public async Task Settings_are_read_validated_and_replaced()
    {
        using var admin = await AdminAsync();
        var current = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/settings");
        var bad = await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/admin/settings",
            new { merchantApproval = "ByAdmin", reservationExpiryMinutes = 500, currency = "usd" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("reservationExpiryMinutes", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("currency", out _));
        await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/admin/settings", new { merchantApproval = "Sometimes", currency = "USD" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await admin.PutAsync("/api/v1/admin/settings", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        var put = await admin.PutAsJsonAsync("/api/v1/admin/settings", new { merchantApproval = current.GetProperty("merchantApproval").GetString(), reservationExpiryMinutes = 25, currency = "USD" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(25, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/settings")).GetProperty("reservationExpiryMinutes").GetInt32());
        // Back to how the shared host was.
        var restore = await admin.PutAsync("/api/v1/admin/settings", JsonContent.Create(current));
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
    }

    [Fact]
    public async Task The_currency_of_a_live_marketplace_is_not_changed_and_api_products_are_priced_in_it()
    {
        using var admin = await AdminAsync();
        var current = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/settings");
        Assert.Equal("USD", current.GetProperty("currency").GetString());
        // The demo catalogue is priced in USD: a change would need repricing, and is refused with the counts.
        var refused = await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/admin/settings", new
        {
            merchantApproval = current.GetProperty("merchantApproval").GetString(), currency = "EUR",
        }), HttpStatusCode.Conflict);
        Assert.Matches(@"cannot change to EUR: [\d,]+ products and [\d,]+ unfinished orders? are priced in another currency", refused.GetProperty("detail").GetString());
        Assert.Equal("USD", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/settings")).GetProperty("currency").GetString());

        using var merchant = Api.ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var plain = await Api.ProductApi.CreateAsync(merchant);
        Assert.Equal("USD", plain.GetProperty("currency").GetString());
        var named = await Api.ProductApi.CreateAsync(merchant, new { name = "Priced in dollars", price_usd = 5, remaining_supply = 1, currency = "USD" });
        Assert.Equal("USD", named.GetProperty("currency").GetString());
        var other = await ProblemAsync(await merchant.PostAsJsonAsync("/api/v1/products",
            new { name = "Priced in euros", price_usd = 5, remaining_supply = 1, currency = "EUR" }), HttpStatusCode.BadRequest);
        Assert.Contains("USD", other.GetProperty("errors").GetProperty("currency")[0].GetString());
        // Nor can a product be moved to another currency afterwards.
        var moved = await merchant.PatchAsJsonAsync($"/api/v1/products/{plain.GetProperty("id").GetInt32()}", new { currency = "GBP" });
        await ProblemAsync(moved, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Categories_are_created_edited_and_protected_over_http()
    {
        using var admin = await AdminAsync();
        var bad = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/categories", new { name = "", slug = "Bad Slug" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("name", out _));

        var name = $"Api Category {Guid.NewGuid():N}"[..24];
        var created = await admin.PostAsJsonAsync("/api/v1/admin/categories", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var attribute = await admin.PutAsJsonAsync($"/api/v1/admin/categories/{id}/attributes/fabric",
            new { label = "Fabric", type = "Choice", options = new[] { "Cotton", "Wool" }, isFacet = true });
        Assert.Equal(HttpStatusCode.OK, attribute.StatusCode);
        await ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/categories/{id}/attributes/fabric", new { label = "Fabric", type = "Plaid" }), HttpStatusCode.BadRequest);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/categories/{id}");
        Assert.Equal("fabric", detail.GetProperty("template")[0].GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync($"/api/v1/admin/categories/{id}/attributes/fabric")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync($"/api/v1/admin/categories/{id}")).StatusCode);
        await ProblemAsync(await admin.GetAsync($"/api/v1/admin/categories/{id}"), HttpStatusCode.NotFound);

        // A demo category has products: deleting it is a 409 that says so.
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/categories?pageSize=100");
        var used = list.GetProperty("items").EnumerateArray().First(c => c.GetProperty("products").GetInt32() > 0).GetProperty("id").GetInt32();
        var conflict = await ProblemAsync(await admin.DeleteJsonAsync($"/api/v1/admin/categories/{used}"), HttpStatusCode.Conflict);
        Assert.Contains("products", conflict.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Tax_rates_accept_only_the_platforms_countries_and_valid_rates()
    {
        using var admin = await AdminAsync();
        var country = await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/admin/tax-rates", new { country = "ZZ", rate = 0.1, name = "Nowhere" }), HttpStatusCode.BadRequest);
        Assert.True(country.GetProperty("errors").TryGetProperty("country", out _));
        var rate = await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/admin/tax-rates", new { country = "NZ", rate = 1.5, name = "" }), HttpStatusCode.BadRequest);
        Assert.True(rate.GetProperty("errors").TryGetProperty("rate", out _));
        Assert.True(rate.GetProperty("errors").TryGetProperty("name", out _));

        var set = await admin.PutAsJsonAsync("/api/v1/admin/tax-rates", new { country = "NZ", region = "AUK", rate = 0.15, name = "GST" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var id = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync($"/api/v1/admin/tax-rates/{id}")).StatusCode);
        await ProblemAsync(await admin.DeleteJsonAsync($"/api/v1/admin/tax-rates/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Merchant_applications_are_listed_and_a_rejection_needs_a_reason()
    {
        using var admin = await AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/merchants?status=Approved");
        Assert.True(list.GetProperty("total").GetInt32() > 0); // the demo merchant
        await ProblemAsync(await admin.GetAsync("/api/v1/admin/merchants?status=Maybe"), HttpStatusCode.BadRequest);
        var approvedId = list.GetProperty("items")[0].GetProperty("id").GetInt32();
        var noReason = await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/admin/merchants/{approvedId}/reject", new { reason = "" }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/admin/merchants/{approvedId}/reject", new { reason = "Too late" }), HttpStatusCode.Conflict);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/merchants/999999/approve", new { }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_admin_api_is_described_in_the_openapi_document()
    {
        using var client = app.CreateClient();
        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/api/v1/admin/dashboard", "/api/v1/admin/settings", "/api/v1/admin/categories", "/api/v1/admin/categories/{id}/attributes/{key}",
                     "/api/v1/admin/tax-rates", "/api/v1/admin/merchants", "/api/v1/admin/merchants/{id}/reject" })
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing from /openapi/v1.json");
    }
}
