using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;

namespace Ecommerce.Tests.Web;

/// <summary>The running app over real HTTP: health, pages, 404s, authorisation redirects, the auth API, OpenAPI.</summary>
[Collection(WebCollection.Name)]
public sealed class HostingTests(WebAppFixture app)
{
    [Fact]
    public async Task Health_endpoints_say_live_and_ready()
    {
        using var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Blazor_script_is_served_from_the_build()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    [Theory]
    [InlineData("/p/no-such-product")]
    [InlineData("/c/no-such-category")]
    [InlineData("/s/no-such-shop")]
    [InlineData("/no/such/page")]
    public async Task Unknown_addresses_get_a_real_404_page(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("couldn't find that page", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/no-such-endpoint")]
    [InlineData("/api/v1/products/not-a-number")]
    public async Task Unknown_api_addresses_get_a_problem_not_a_page(string path)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", WebAppFixture.DemoApiKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/merchant")]
    [InlineData("/admin")]
    public async Task Consoles_send_anonymous_visitors_to_log_in(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Console_pages_refuse_other_sites_frames()
    {
        // Blazor compresses the circuit's WebSocket, and so forbids other sites to frame the consoles; the site's
        // own policy, which says the same for every page, is the one header sent.
        using var merchant = await app.SignedInClientAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        var page = await merchant.GetAsync("/merchant");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_auth_api_registers_and_issues_a_bearer_token()
    {
        using var client = app.CreateClient();
        var email = $"api-{Guid.NewGuid():N}@test.local";
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Api-Test-123!" });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Api-Test-123!" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Assert.False(string.IsNullOrEmpty(token));

        using var info = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/manage/info");
        info.Headers.Authorization = new("Bearer", token);
        var me = await client.SendAsync(info);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Account_email_is_written_to_the_mail_folder_in_development()
    {
        using var client = app.CreateClient();
        var email = $"mail-{Guid.NewGuid():N}@test.local";
        await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Mail-Test-123!" });
        // A reset code goes only to a confirmed address: the demo shopper's.
        var forgot = await client.PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email = DemoSeeder.ShopperEmail });
        Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);

        var mails = Directory.GetFiles(Path.Combine(app.DataFolder, "mail"), "*.eml").Select(File.ReadAllText).ToList();
        Assert.Contains(mails, text => text.Contains($"To: {email}") && text.Contains("Subject: Confirm your email"));
        Assert.Contains(mails, text => text.Contains($"To: {DemoSeeder.ShopperEmail}") && text.Contains("Subject: Your password reset code"));
    }

    [Fact]
    public async Task The_login_page_offers_no_bogus_external_providers()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/Identity/Account/Login");
        Assert.Contains("Input_Email", html);
        Assert.DoesNotContain("external-account", html); // the cookie-or-bearer policy scheme is not a login provider
    }

    [Fact]
    public async Task The_auth_api_refuses_a_wrong_password()
    {
        using var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = WebAppFixture.AdminEmail, password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task OpenApi_describes_the_auth_endpoints()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/auth/login", out _));
    }
}
