using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>A host with Security:RequireAdminTwoFactor on (as in production).</summary>
public sealed class TwoFactorRequiredAppFixture : WebAppFixture
{
    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Security:RequireAdminTwoFactor", "true");
}

/// <summary>With the setting on, an admin without two-factor is sent to set it up before any admin page or API call works.</summary>
public sealed class AdminTwoFactorTests(TwoFactorRequiredAppFixture app) : IClassFixture<TwoFactorRequiredAppFixture>
{
    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up_and_gets_in_once_it_is_on()
    {
        using var cookie = await app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var page = await cookie.GetAsync("/admin/shops");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/EnableAuthenticator?returnUrl=%2Fadmin%2Fshops", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/Identity/Account/Manage/EnableAuthenticator")).StatusCode);

        using var bearer = await AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var api = await bearer.GetAsync("/api/v1/admin/shops");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("two-factor", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        // Other consoles are not affected.
        using var merchant = await app.SignedInClientAsync(DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/merchant")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByEmailAsync(WebAppFixture.AdminEmail))!;
            await users.SetTwoFactorEnabledAsync(admin, true);
        }
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/admin/shops")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/admin/shops")).StatusCode);
    }
}
