using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Admin;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Accounts;

/// <summary>
/// A host whose sessions are checked every second (production: every minute), with a public address of its own and
/// any Host accepted, as behind a proxy that passes the client's Host on.
/// </summary>
public sealed class AccountSecurityAppFixture : WebAppFixture
{
    public const string PublicUrl = "https://shop.example";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Security:SessionCheckSeconds", "1");
        web.UseSetting("Site:PublicUrl", PublicUrl);
        web.UseSetting("AllowedHosts", "*");
    }
}

/// <summary>Sessions end when they should, the log-in page locks out, and mail links never follow a forged Host.</summary>
public sealed class AccountSecurityHttpTests(AccountSecurityAppFixture app) : IClassFixture<AccountSecurityAppFixture>
{
    [Fact]
    public async Task Locking_a_user_ends_their_cookie_and_bearer_sessions()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        using var cookie = await app.SignedInClientAsync(email, AdminTestKit.Password);
        using var bearer = await AdminTestKit.BearerClientAsync(app, email, AdminTestKit.Password);
        await AssertSignedInAsync(cookie, bearer);

        using var admin = await AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var locked = await admin.PostAsJsonAsync($"/api/v1/admin/users/{await app.UserIdAsync(email)}/lock", new { reason = "fraud" });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);

        await AssertSignedOutSoonAsync(cookie, bearer);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        using var cookie = await app.SignedInClientAsync(email, AdminTestKit.Password);
        using var oldToken = await AdminTestKit.BearerClientAsync(app, email, AdminTestKit.Password);
        using var changer = await AdminTestKit.BearerClientAsync(app, email, AdminTestKit.Password);
        await AssertSignedInAsync(cookie, oldToken);

        var changed = await changer.PostAsJsonAsync("/api/v1/auth/manage/info", new { oldPassword = AdminTestKit.Password, newPassword = "Changed-Pass-456!" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await AssertSignedOutSoonAsync(cookie, oldToken);
        using var fresh = await AdminTestKit.BearerClientAsync(app, email, "Changed-Pass-456!");
        await AssertSignedInAsync(fresh);
    }

    [Fact]
    public async Task Changing_roles_ends_the_sessions_that_carry_the_old_ones()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        using var bearer = await AdminTestKit.BearerClientAsync(app, email, AdminTestKit.Password);
        await AssertSignedInAsync(bearer);

        using var admin = await AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var roles = await admin.PutAsJsonAsync($"/api/v1/admin/users/{await app.UserIdAsync(email)}/roles", new { roles = new[] { Roles.Shopper, Roles.Merchant } });
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);

        await AssertSignedOutSoonAsync(bearer);
    }

    [Fact]
    public async Task Logging_out_ends_a_copy_of_the_cookie_too()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = AdminTestKit.Password })).StatusCode);
        using var copy = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(app.BaseAddress));
        await AssertSignedInAsync(copy);

        // The header's "Log out" form, with its antiforgery token, as the browser posts it.
        var token = await FormTokenAsync(browser, "/", "form[action='/Identity/Account/Logout']");
        var logout = await browser.PostAsync("/Identity/Account/Logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(logout.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"log-out answered {(int)logout.StatusCode}");

        await AssertSignedOutSoonAsync(copy);
    }

    [Fact]
    public async Task The_log_in_page_locks_an_account_after_five_wrong_passwords_like_the_api()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        using var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostLoginPageAsync(client, email, "Wrong-Pass-000!")).StatusCode); // the form again, with its error
        var fifth = await PostLoginPageAsync(client, email, "Wrong-Pass-000!");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Contains("/Identity/Account/Lockout", fifth.Headers.Location!.OriginalString);

        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow, "five wrong passwords lock the account");
        }
        var right = await PostLoginPageAsync(client, email, AdminTestKit.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("/Identity/Account/Lockout", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_confirmation_link_of_an_api_registration_uses_the_public_address_whatever_the_host_and_works()
    {
        var email = $"host-{Guid.NewGuid():N}@test.local";
        var since = DateTime.UtcNow;
        using var client = app.CreateClient();
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register") { Content = JsonContent.Create(new { email, password = AdminTestKit.Password }) };
        register.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(register)).StatusCode);

        var link = await AccountMail.LinkAsync(app.DataFolder, email, "Confirm your email", since);
        Assert.StartsWith(AccountSecurityAppFixture.PublicUrl + "/api/v1/auth/confirmEmail?", link);
        Assert.DoesNotContain("&amp;", link); // encoded once, for the HTML, and decoded by the mail client

        // The same path and query on this node confirms the address.
        var confirm = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.EmailConfirmed);
    }

    [Fact]
    public async Task The_reset_link_of_the_forgot_password_page_uses_the_public_address_whatever_the_host()
    {
        var since = DateTime.UtcNow;
        using var client = app.CreateClient();
        var form = await FormTokenAsync(client, "/Identity/Account/ForgotPassword", "main form[method=post]", host: "evil.example");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = DemoSeeder.ShopperEmail, ["__RequestVerificationToken"] = form }),
        };
        post.Headers.Host = "evil.example";
        var answer = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        var link = await AccountMail.LinkAsync(app.DataFolder, DemoSeeder.ShopperEmail, "Reset your password", since);
        Assert.StartsWith(AccountSecurityAppFixture.PublicUrl + "/Identity/Account/ResetPassword?code=", link);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link).PathAndQuery)).StatusCode); // the page takes its code
    }

    private static async Task<HttpResponseMessage> PostLoginPageAsync(HttpClient client, string email, string password)
    {
        var token = await FormTokenAsync(client, "/Identity/Account/Login", "form#account");
        return await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of the page's form, as the browser would post it.</summary>
    private static async Task<string> FormTokenAsync(HttpClient client, string path, string form, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null) request.Headers.Host = host;
        var page = new HtmlParser().ParseDocument(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        return page.QuerySelector($"{form} input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new Xunit.Sdk.XunitException($"{path} has no form '{form}' with an antiforgery token");
    }

    private static async Task AssertSignedInAsync(params HttpClient[] clients)
    {
        foreach (var client in clients)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/manage/info")).StatusCode);
    }

    /// <summary>Sessions are checked once per interval (1 s here): each client is refused within a few seconds.</summary>
    private static async Task AssertSignedOutSoonAsync(params HttpClient[] clients)
    {
        foreach (var client in clients)
        {
            var status = HttpStatusCode.OK;
            for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
                if ((status = (await client.GetAsync("/api/v1/auth/manage/info")).StatusCode) != HttpStatusCode.OK) break;
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
    }
}
