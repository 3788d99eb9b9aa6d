using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Admin;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
    public async Task Resetting_two_factor_ends_the_sessions()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        using var bearer = await AdminTestKit.BearerClientAsync(app, email, AdminTestKit.Password);
        await AssertSignedInAsync(bearer);

        using var admin = await AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var reset = await admin.PostAsJsonAsync($"/api/v1/admin/users/{await app.UserIdAsync(email)}/reset-two-factor", new { reason = "lost phone" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        await AssertSignedOutSoonAsync(bearer);
    }

    [Fact]
    public async Task Opening_the_authenticator_set_up_for_the_first_time_keeps_the_session()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        using var cookie = await app.SignedInClientAsync(email, AdminTestKit.Password);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/Identity/Account/Manage/EnableAuthenticator")).StatusCode); // makes the first key

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // past the session check interval
        await AssertSignedInAsync(cookie);
    }

    [Fact]
    public async Task Turning_two_factor_off_on_the_account_page_keeps_that_session_and_ends_the_others()
    {
        var email = await AdminTestKit.RegisterAsync(app);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = AdminTestKit.Password })).StatusCode);
        using var other = await AdminTestKit.BearerClientAsync(app, email, AdminTestKit.Password);
        // Two-factor on, as if set up earlier (written directly, so this session's stamp stays valid).
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true));

        var token = await IdentityForms.TokenAsync(browser, "/Identity/Account/Manage/Disable2fa", "main form[method=post]");
        var off = await browser.PostAsync("/Identity/Account/Manage/Disable2fa",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);

        await AssertSignedOutSoonAsync(other);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await AssertSignedInAsync(browser);
    }

    [Fact]
    public async Task Registering_through_the_api_answers_alike_for_a_known_address_and_tells_its_owner_by_mail()
    {
        var known = await AdminTestKit.RegisterAsync(app);
        var since = DateTime.UtcNow;
        using var client = app.CreateClient();
        var again = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = known, password = "Another-Pass-789!" });
        var fresh = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = $"new-{Guid.NewGuid():N}@test.local", password = "Another-Pass-789!" });

        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var link = await AccountMail.LinkAsync(app.DataFolder, known, "You already have an account", since);
        Assert.Equal(AccountSecurityAppFixture.PublicUrl + "/Identity/Account/Login", link);
        // The account is untouched: its own password still logs in.
        using var owner = await AdminTestKit.BearerClientAsync(app, known, AdminTestKit.Password);
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
        var token = await IdentityForms.TokenAsync(browser, "/", "form[action='/Identity/Account/Logout']");
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
        var form = await IdentityForms.TokenAsync(client, "/Identity/Account/ForgotPassword", "main form[method=post]", host: "evil.example");
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
        var token = await IdentityForms.TokenAsync(client, "/Identity/Account/Login", "form#account");
        return await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
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

/// <summary>A host with confirmed emails required and the production limit on credential and mail routes (3 a minute here).</summary>
public sealed class ConfirmedEmailAppFixture : WebAppFixture
{
    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Accounts:RequireConfirmedEmail", "true");
        web.UseSetting("RateLimits:LoginPerMinute", "3");
    }
}

/// <summary>The Register page answers alike when emails must be confirmed; mail-sending pages are rate limited.</summary>
public sealed class ConfirmedEmailHttpTests(ConfirmedEmailAppFixture app) : IClassFixture<ConfirmedEmailAppFixture>
{
    [Fact]
    public async Task The_register_page_answers_a_known_address_as_a_new_one_and_resending_confirmations_is_limited()
    {
        using var client = app.CreateClient();
        var fresh = await RegisterAsync(client, $"new-{Guid.NewGuid():N}@test.local");
        var known = await RegisterAsync(client, DemoSeeder.ShopperEmail);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation?email=", fresh.Headers.Location!.OriginalString);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation?email=", known.Headers.Location!.OriginalString);

        // Two credential posts are spent above; the third passes, the fourth is refused.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ResendAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ResendAsync(client)).StatusCode);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email)
    {
        var token = await IdentityForms.TokenAsync(client, "/Identity/Account/Register", "form#registerForm");
        return await client.PostAsync("/Identity/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "Register-Test-123!", ["Input.ConfirmPassword"] = "Register-Test-123!",
            ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<HttpResponseMessage> ResendAsync(HttpClient client)
    {
        var token = await IdentityForms.TokenAsync(client, "/Identity/Account/ResendEmailConfirmation", "main form[method=post]");
        return await client.PostAsync("/Identity/Account/ResendEmailConfirmation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoSeeder.ShopperEmail, ["__RequestVerificationToken"] = token,
        }));
    }
}
