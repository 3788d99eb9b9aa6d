using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>
/// The real web app on Kestrel at a loopback port, on a fresh SQLite data folder with the demo catalogue and
/// demo accounts, shared by the HTTP and browser tests of the "web" collection.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Test-123!";
    /// <summary>The demo shop's API key (Demo:MerchantApiKey), as in appsettings.Development.json.</summary>
    public const string DemoApiKey = "mk_demo0000_local-demo-key-change-me";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ecommerce-web-").FullName;

    /// <summary>The app's data folder (database, mail pickup folder, keys).</summary>
    public string DataFolder => _dataFolder;
    private WebApplicationFactory<Program> _factory = default!;

    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => _factory.Services;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("DataFolder", _dataFolder);
            web.UseSetting("Demo:Enabled", "true");
            web.UseSetting("Demo:MerchantApiKey", DemoApiKey);
            web.UseSetting("Admin:Email", AdminEmail);
            web.UseSetting("Admin:Password", AdminPassword);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // Every test logs in from 127.0.0.1: the per-address login limit would refuse the suite, not an attacker.
            web.UseSetting("RateLimits:LoginPerMinute", "0");
            web.UseSetting("Security:RequireAdminTwoFactor", "false"); // a fixture that tests it turns it on in Configure
            // Tests register accounts and log in at once, as in Development (production requires a confirmed email).
            web.UseSetting("Accounts:RequireConfirmedEmail", "false");
            // A free port, never the default 5000: test runs of other worktrees may be running at the same time.
            web.UseSetting("urls", "http://127.0.0.1:0");
            Configure(web);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return Task.CompletedTask;
    }

    /// <summary>Lets a derived fixture run the same host with other settings (another payment provider...).</summary>
    protected virtual void Configure(IWebHostBuilder web) { }

    /// <summary>A client of the real server over HTTP that does not follow redirects (tests look at them).</summary>
    public HttpClient CreateClient(bool allowRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = allowRedirects, UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>A client signed in with the site cookie (through /api/v1/auth/login?useCookies=true).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = CreateClient();
        var login = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login?useCookies=true", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    /// <summary>The id of a (demo) user, for calling Core services as that user.</summary>
    public async Task<string> UserIdAsync(string email)
    {
        using var scope = Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Ecommerce.Core.Accounts.AppUser>>().FindByEmailAsync(email))!.Id;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "web";
}
