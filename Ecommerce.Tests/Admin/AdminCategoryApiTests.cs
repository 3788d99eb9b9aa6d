using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// Categories over real HTTP: the version as ETag, a stale If-Match or body version answered 409 without overwriting,
/// and a rename reaching search (category.changed makes the index reload the category's products).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminCategoryApiTests(WebAppFixture app)
{
    private Task<HttpClient> AdminAsync() => app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static HttpRequestMessage IfMatch(HttpMethod method, string path, string etag, object? body = null)
    {
        // Sent with the admin's cookie: typed JSON even without a body (Api/CookieWrites).
        var request = new HttpRequestMessage(method, path) { Content = body is null ? AdminTestKit.JsonContent("") : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }

    [Fact]
    public async Task A_stale_if_match_or_version_is_a_409_and_the_first_save_stands()
    {
        using var admin = await AdminAsync();
        var name = "Lamps " + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsJsonAsync("/api/v1/admin/categories", new { name });
        var body = await JsonAsync(created, HttpStatusCode.Created);
        var id = body.GetProperty("id").GetInt32();
        var etag = created.Headers.ETag!.Tag;
        Assert.Equal($"\"{body.GetProperty("version").GetString()}\"", etag);
        var path = $"/api/v1/admin/categories/{id}";

        // The first admin saves with If-Match; the second, with the same (now stale) version, gets a 409.
        var first = await admin.SendAsync(IfMatch(HttpMethod.Put, path, etag, new { name = name + " and lights" }));
        var afterFirst = await JsonAsync(first, HttpStatusCode.OK);
        Assert.NotEqual(etag, first.Headers.ETag!.Tag);
        var stale = await JsonAsync(await admin.SendAsync(IfMatch(HttpMethod.Put, path, etag, new { name = name + " overwritten" })), HttpStatusCode.Conflict);
        Assert.Contains("changed by another admin", stale.GetProperty("detail").GetString());
        var staleBody = await admin.PutAsJsonAsync(path, new { name = name + " overwritten", version = body.GetProperty("version").GetString() });
        await JsonAsync(staleBody, HttpStatusCode.Conflict);
        await JsonAsync(await admin.SendAsync(IfMatch(HttpMethod.Put, $"{path}/attributes/shade", etag, new { label = "Shade", type = "Text" })), HttpStatusCode.Conflict);
        await JsonAsync(await admin.SendAsync(IfMatch(HttpMethod.Delete, path, etag)), HttpStatusCode.Conflict);
        var now = await admin.GetAsync(path);
        Assert.Equal(name + " and lights", (await JsonAsync(now, HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.Equal(first.Headers.ETag!.Tag, now.Headers.ETag!.Tag);

        // With the current version the attribute is saved and answers the next one; a malformed If-Match is a 400.
        var attribute = await admin.SendAsync(IfMatch(HttpMethod.Put, $"{path}/attributes/shade", now.Headers.ETag!.Tag, new { label = "Shade", type = "Text" }));
        var saved = await JsonAsync(attribute, HttpStatusCode.OK);
        Assert.Equal($"\"{saved.GetProperty("version").GetString()}\"", attribute.Headers.ETag!.Tag);
        Assert.NotEqual(afterFirst.GetProperty("version").GetString(), saved.GetProperty("version").GetString());
        var malformed = new HttpRequestMessage(HttpMethod.Delete, path) { Content = AdminTestKit.JsonContent("") };
        malformed.Headers.TryAddWithoutValidation("If-Match", "\"not-a-version\"");
        await JsonAsync(await admin.SendAsync(malformed), HttpStatusCode.BadRequest);
        // Without If-Match the API stays as it was (unconditional on the client's side).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync($"{path}/attributes/shade")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Renaming_a_category_reindexes_its_products_the_new_name_is_found_and_the_old_one_is_not()
    {
        var oldWord = "catold" + Guid.NewGuid().ToString("N")[..8];
        var newWord = "catnew" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await AdminAsync();
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/categories", new { name = $"{oldWord} shelving" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        // A product of the category whose own text never names the category.
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        int shopId;
        await using (var db = await contexts.CreateDbContextAsync())
            shopId = (await TestData.ShopWithCategoryAsync(db, "cat-" + Guid.NewGuid().ToString("N")[..8])).Shop.Id;
        await app.Services.GetRequiredService<ProductCommands>().CreateAsync(shopId, new ProductInput
        {
            Name = "Oak bookcase", Category = created.GetProperty("slug").GetString(), Variants = [new VariantInput { Price = 120m, Stock = 3 }],
        });
        await AdminTestKit.WaitForSearchTotalAsync(app, oldWord, 1);

        var renamed = await admin.PutAsJsonAsync($"/api/v1/admin/categories/{id}", new { name = $"{newWord} shelving", slug = created.GetProperty("slug").GetString() });
        await JsonAsync(renamed, HttpStatusCode.OK);
        await AdminTestKit.WaitForSearchTotalAsync(app, newWord, 1);
        await AdminTestKit.WaitForSearchTotalAsync(app, oldWord, 0);
    }
}
