using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ecommerce.Core.Data;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecommerce.Tests.Web;

/// <summary>The real app in one environment, keeping the exceptions it logs so a failing sweep can say what threw.</summary>
public abstract class EnvironmentWebAppFixture(string environment) : WebAppFixture
{
    public ErrorLog Errors { get; } = new();

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseEnvironment(environment);
        web.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Errors));
    }
}

/// <summary>The real app as a developer runs it (developer exception page, minimal APIs that throw on bad input).</summary>
public sealed class DevelopmentWebAppFixture() : EnvironmentWebAppFixture("Development");

/// <summary>The real app as it is deployed (exception handler page, HSTS).</summary>
public sealed class ProductionWebAppFixture() : EnvironmentWebAppFixture("Production");

/// <summary>
/// Production on PostgreSQL (the server test.sh starts, a fresh database dropped afterwards): it refuses text
/// SQLite takes (NUL), so the sweep runs here too.
/// </summary>
public sealed class PostgresProductionWebAppFixture() : EnvironmentWebAppFixture("Production"), IAsyncLifetime
{
    private readonly string _database = $"test_{Guid.NewGuid():N}";

    protected override void Configure(IWebHostBuilder web)
    {
        base.Configure(web);
        // Configure runs while the host is built, before the app migrates its database: create it now.
        using (var connection = new NpgsqlConnection(PostgresTestDatabase.ServerConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            command.ExecuteNonQuery();
        }
        web.UseSetting("Database:Provider", "Postgres");
        web.UseSetting("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString) { Database = _database }.ConnectionString);
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        try { await command.ExecuteNonQueryAsync(); } catch (PostgresException) { } // a uniquely named leftover at worst
    }
}

/// <summary>
/// Production on SQL Server (a fresh database on the server of ECOMMERCE_TEST_SQLSERVER, dropped afterwards). Without
/// one nothing is started, and the sweep's tests are reported skipped.
/// </summary>
public sealed class SqlServerProductionWebAppFixture() : EnvironmentWebAppFixture("Production"), IAsyncLifetime
{
    private readonly SqlServerTestDatabase _database = new();

    protected override void Configure(IWebHostBuilder web)
    {
        base.Configure(web);
        web.UseSetting("Database:Provider", "SqlServer");
        web.UseSetting("ConnectionStrings:SqlServer", _database.Settings.ConnectionString);
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        if (SqlServerTestDatabase.NotConfigured is not null) return;
        await _database.InitializeAsync(); // created (and migrated) before the host is built
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (SqlServerTestDatabase.NotConfigured is not null) return;
        await DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>The exceptions logged at Error or above: type, message and the first frame of the app's own code.</summary>
public sealed class ErrorLog : ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Entries { get; } = new();
    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // A BadHttpRequestException is the 400 the Development pipeline answers for it, not a failure.
        if (exception is null or BadHttpRequestException || !IsEnabled(logLevel)) return;
        var frame = exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("at Ecommerce.")) ?? exception.StackTrace?.Split('\n').FirstOrDefault();
        var message = $"{exception.GetType().Name}: {exception.Message} {(exception.InnerException is { } inner ? $"({inner.GetType().Name}: {inner.Message}) " : "")}{frame?.Trim()}";
        Entries.Enqueue(message.Length > 500 ? message[..500] + "…" : message);
    }
    public void Dispose() { }
}

public sealed class HostileInputSweepDevelopmentTests(DevelopmentWebAppFixture app) : HostileInputSweep(app, app.Errors), IClassFixture<DevelopmentWebAppFixture>;

public sealed class HostileInputSweepProductionTests(ProductionWebAppFixture app) : HostileInputSweep(app, app.Errors), IClassFixture<ProductionWebAppFixture>;

public sealed class HostileInputSweepPostgresTests(PostgresProductionWebAppFixture app) : HostileInputSweep(app, app.Errors), IClassFixture<PostgresProductionWebAppFixture>;

[RequiresSqlServer]
public sealed class HostileInputSweepSqlServerTests(SqlServerProductionWebAppFixture app) : HostileInputSweep(app, app.Errors), IClassFixture<SqlServerProductionWebAppFixture>;

/// <summary>
/// Hostile input never gets a 5xx: every OpenAPI operation and every page route (storefront, account, consoles,
/// Identity UI, with their forms) is sent wrong types, nulls, numeric overflow, U+FFFE, huge strings, deeply nested
/// JSON, wrong media types and no body, as an anonymous visitor and as the shopper, merchant (API key) or admin the
/// route is for. Every 5xx is collected with its method, path and payload, and listed at the end. Then one focused
/// test per input that used to be a 500, checking the 400's message.
/// </summary>
public abstract class HostileInputSweep(WebAppFixture app, ErrorLog errors)
{
    private const string ShopperEmail = "shopper@demo.local";
    private const string DemoPassword = "Demo123!";
    private const string MerchantEmail = "merchant@demo.local";
    private static readonly string Nonchar = "\uFFFE";
    private static readonly string Huge = new('a', 3000);

    private sealed record Failure(string Who, string Method, string Target, string Payload, int Status, string Body)
    {
        public override string ToString() => $"{Status} {Method} {Target} as {Who} with {Payload}: {Body}";
    }

    private sealed record Probe(HttpClient Client, string Who, HttpMethod Method, string Url, string Payload, Func<HttpContent?> Body);

    private readonly ConcurrentQueue<Failure> _failures = new();
    private int _sent;
    private readonly ConcurrentDictionary<string, int> _succeeded = new();

    [DatabaseFact]
    public async Task No_operation_or_page_answers_a_5xx_to_hostile_input()
    {
        var clients = await ClientsAsync();
        var probes = new List<Probe>();
        probes.AddRange(await ApiProbesAsync(clients));
        probes.AddRange(await PageProbesAsync(clients));
        await RunAsync(probes);
        // Forms are read from the pages as each identity sees them, then posted with hostile values.
        await RunAsync(await FormProbesAsync(clients));

        Assert.True(_sent > 1000, $"the sweep sent only {_sent} requests");
        // Each identity got past authentication somewhere, or the sweep would only have tested the 401 page.
        foreach (var who in new[] { "shopper bearer", "shopper cookie", "merchant API key", "merchant cookie", "admin bearer", "admin cookie" })
            Assert.True(_succeeded.ContainsKey(who), $"no request as {who} succeeded: the sweep did not get past authentication");
        // Grouped by operation, so one broken route reads as one line with its payloads, not a hundred.
        var groups = _failures.GroupBy(f => (f.Status, f.Method, Path: f.Target.Split('?')[0], f.Who)).OrderBy(g => g.Key.Path)
            .Select(g => $"{g.Key.Status} {g.Key.Method} {g.Key.Path} as {g.Key.Who}, {g.Count()} payloads, e.g. {string.Join(" | ", g.Take(3).Select(f => f.Payload + (f.Target.Contains('?') ? " at " + f.Target : "")))}\n    answer: {g.First().Body}")
            .ToList();
        Assert.True(groups.Count == 0, $"{_failures.Count} of {_sent} hostile requests got a 5xx:\n" + string.Join("\n", groups.Take(50))
            + "\nThe server logged:\n" + string.Join("\n", errors.Entries.Distinct().Take(30)));
    }

    // ---- The inputs that were 500s, one by one: a 400 that says what is wrong ----

    [DatabaseFact]
    public async Task A_page_query_value_that_does_not_parse_is_a_400_naming_the_parameter()
    {
        var slugs = await SlugsAsync();
        var shopper = await app.SignedInClientAsync(ShopperEmail, DemoPassword);
        foreach (var (client, url, parameter) in new[]
                 {
                     (app.CreateClient(), $"/c/{slugs.Category}?page=abc", "page"), (app.CreateClient(), $"/s/{slugs.Shop}?page=99999999999", "page"),
                     (app.CreateClient(), $"/p/{slugs.Product}?variant=abc", "variant"), (shopper, "/orders?page=abc", "page"),
                     (shopper, "/wishlist?page=1e3", "page"), (shopper, "/account/addresses?edit=12x", "edit"),
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains($"The query parameter '{parameter}' must be a whole number", problem.GetProperty("detail").GetString());
        }
        // A browser is told in plain words, and a value that parses still shows the page.
        var browser = new HttpRequestMessage(HttpMethod.Get, $"/c/{slugs.Category}?page=abc") { Headers = { { "Accept", "text/html,*/*;q=0.8" } } };
        var page = await app.CreateClient().SendAsync(browser);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.StartsWith("Bad request: The query parameter 'page' must be a whole number", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/c/{slugs.Category}?page=2")).StatusCode);
    }

    [DatabaseFact]
    public async Task Auth_endpoints_answer_a_null_field_with_a_400_naming_it()
    {
        var client = app.CreateClient();
        foreach (var (path, body, field) in new (string, object, string)[]
                 {
                     ("login", new { email = (string?)null, password = "Demo123!" }, "email"),
                     ("forgotPassword", new { email = (string?)null }, "email"),
                     ("resetPassword", new { email = (string?)null, resetCode = "abc", newPassword = "Passw0rd!x" }, "email"),
                     ("resendConfirmationEmail", new { email = (string?)null }, "email"),
                     ("register", new { email = "new-null-password@example.com", password = (string?)null }, "password"),
                 })
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/" + path, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("is required", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }
    }

    [DatabaseFact]
    public async Task Text_with_U_FFFE_or_U_FFFF_in_a_name_slug_or_email_is_a_400_naming_the_field()
    {
        var anonymous = app.CreateClient();
        var merchant = app.CreateClient();
        merchant.DefaultRequestHeaders.Add("X-Api-Key", WebAppFixture.DemoApiKey);
        var admin = await AdminLoginAsync();
        var adminClient = await BearerAsync(admin.Email, admin.Password);
        foreach (var (client, path, body, field) in new (HttpClient, string, object, string)[]
                 {
                     (anonymous, "/api/v1/auth/register", new { email = "a\uFFFEb@example.com", password = "Passw0rd!x" }, "email"),
                     (anonymous, "/api/v1/auth/login", new { email = "a\uFFFEb@example.com", password = "Passw0rd!x" }, "email"),
                     (anonymous, "/api/v1/auth/forgotPassword", new { email = "a\uFFFFb@example.com" }, "email"),
                     (merchant, "/api/v1/products", new { name = "Lamp \uFFFE", description = "A lamp.", price_usd = 5, remaining_supply = 3 }, "name"),
                     (merchant, "/api/v1/products", new { name = "Lamp", slug = "lamp-\uFFFE", description = "A lamp.", price_usd = 5, remaining_supply = 3 }, "slug"),
                     (adminClient, "/api/v1/admin/categories", new { name = "Lamps \uFFFE" }, "name"),
                     (adminClient, "/api/v1/admin/categories", new { name = "Lamps \uFFFF" }, "name"),
                 })
        {
            var response = await client.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errorsOfField), $"{path}: {problem}");
            if (field != "slug") Assert.Contains("not valid text", errorsOfField[0].GetString());
        }

        // The Identity UI's own log-in form looks the email up too: it is an ordinary failed log-in.
        var (login, token) = await FormAsync(anonymous, "/Identity/Account/Login");
        var posted = await login.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(
            [new("Input.Email", "a\uFFFEb@example.com"), new("Input.Password", "Passw0rd!x"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Invalid login attempt", await posted.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task A_NUL_character_in_a_JSON_field_or_a_query_value_is_a_400_naming_it()
    {
        var merchant = app.CreateClient();
        merchant.DefaultRequestHeaders.Add("X-Api-Key", WebAppFixture.DemoApiKey);
        var product = await merchant.PostAsJsonAsync("/api/v1/products", new { name = "Lamp", description = "A\0lamp", price_usd = 5, remaining_supply = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, product.StatusCode);
        var problem = await product.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty("description")[0].GetString());

        var admin = await AdminLoginAsync();
        foreach (var url in new[] { "/api/v1/admin/users?search=a%00b", "/search?q=a%00b" })
        {
            var client = url.StartsWith("/api") ? await BearerAsync(admin.Email, admin.Password) : app.CreateClient();
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            Assert.Contains($"The query parameter '{(url.StartsWith("/api") ? "search" : "q")}' contains the character NUL", await response.Content.ReadAsStringAsync());
        }
    }

    [DatabaseFact]
    public async Task Identity_log_in_and_register_with_a_foreign_return_url_go_home()
    {
        var (client, token) = await FormAsync(app.CreateClient(), "/Identity/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var login = await client.PostAsync("/Identity/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(
            [new("Input.Email", ShopperEmail), new("Input.Password", DemoPassword), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);

        var email = $"foreign-return-{Guid.NewGuid():N}@example.com";
        (client, token) = await FormAsync(app.CreateClient(), "/Identity/Account/Register");
        var register = await client.PostAsync("/Identity/Account/Register?returnUrl=%2F%2Fevil.example", new FormUrlEncodedContent(
            [new("Input.Email", email), new("Input.Password", "Passw0rd!x"), new("Input.ConfirmPassword", "Passw0rd!x"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Equal("/", register.Headers.Location!.OriginalString);

        // A local return URL is still honoured.
        (client, token) = await FormAsync(app.CreateClient(), "/Identity/Account/Login");
        var local = await client.PostAsync("/Identity/Account/Login?ReturnUrl=%2Fwishlist", new FormUrlEncodedContent(
            [new("Input.Email", ShopperEmail), new("Input.Password", DemoPassword), new("__RequestVerificationToken", token)]));
        Assert.Equal("/wishlist", local.Headers.Location!.OriginalString);
    }

    [DatabaseFact]
    public async Task Identity_pages_opened_without_their_link_or_log_in_say_so_with_a_400()
    {
        var shopper = await app.SignedInClientAsync(ShopperEmail, DemoPassword);
        foreach (var (client, url, message) in new[]
                 {
                     (app.CreateClient(), "/Identity/Account/ConfirmEmail", "This link is incomplete or damaged"),
                     (app.CreateClient(), "/Identity/Account/ConfirmEmail?userId=x&code=%21%21", "This link is incomplete or damaged"),
                     (app.CreateClient(), "/Identity/Account/ConfirmEmailChange", "This link is incomplete or damaged"),
                     (app.CreateClient(), "/Identity/Account/RegisterConfirmation", "the email address you registered with"),
                     (app.CreateClient(), "/Identity/Account/LoginWith2fa", "No log-in is waiting for a second factor"),
                     (app.CreateClient(), "/Identity/Account/LoginWithRecoveryCode", "No log-in is waiting for a second factor"),
                     (app.CreateClient(), "/Identity/Account/ResetPassword?code=not*base64", "This link is incomplete or damaged"),
                     (shopper, "/Identity/Account/Manage/Disable2fa", "Two-factor authentication is not turned on"),
                     (shopper, "/Identity/Account/Manage/GenerateRecoveryCodes", "Two-factor authentication is not turned on"),
                 })
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {Short(body, 200)}");
            Assert.Contains(message, body);
        }
    }

    [DatabaseFact]
    public async Task A_log_in_form_posted_with_a_checkbox_that_is_not_a_bool_shows_the_form_again()
    {
        var (client, token) = await FormAsync(app.CreateClient(), "/Identity/Account/Login");
        var posted = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(
            [new("Input.Email", ShopperEmail), new("Input.Password", "wrong"), new("Input.RememberMe", "abc"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("name=\"Input.Password\"", html); // the form again, with what was typed
        Assert.Contains($"value=\"{ShopperEmail}\"", html);
        Assert.Matches("<input[^>]*name=\"Input.RememberMe\"[^>]*value=\"true\"", html);
        Assert.DoesNotMatch("<input[^>]*checked[^>]*name=\"Input.RememberMe\"", html);
    }

    [DatabaseFact]
    public async Task Auth_endpoints_answer_a_body_that_is_not_json_with_a_400_or_415_problem()
    {
        var client = app.CreateClient();
        foreach (var (content, status) in new (HttpContent?, HttpStatusCode)[]
                 {
                     (new StringContent("{", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest),
                     (new StringContent(new string('[', 5000), Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest),
                     (null, HttpStatusCode.BadRequest),
                     (new StringContent("email=a", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType),
                 })
        {
            var response = await client.PostAsync("/api/v1/auth/login", content);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            Assert.False(string.IsNullOrWhiteSpace(detail));
        }
    }

    [DatabaseFact]
    public async Task Simultaneous_first_two_factor_calls_of_one_account_never_fail_with_a_5xx()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"twofactor-race-{Guid.NewGuid():N}@example.com";
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Passw0rd!x" })).StatusCode);
            var client = await BearerAsync(email, "Passw0rd!x");
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { })));
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.StatusCode}"));
        }
    }

    /// <summary>A client that has read the page's form, with the form's antiforgery token.</summary>
    private static async Task<(HttpClient Client, string Token)> FormAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on {url}");
        return (client, token);
    }

    // ---- Who calls ----

    private sealed record Clients(HttpClient Anonymous, HttpClient ShopperBearer, HttpClient ShopperCookie, HttpClient MerchantKey,
        HttpClient MerchantCookie, HttpClient AdminBearer, HttpClient AdminCookie);

    private async Task<Clients> ClientsAsync()
    {
        var admin = await AdminLoginAsync();
        var merchantKey = app.CreateClient();
        merchantKey.DefaultRequestHeaders.Add("X-Api-Key", WebAppFixture.DemoApiKey);
        return new Clients(app.CreateClient(), await BearerAsync(ShopperEmail, DemoPassword), await app.SignedInClientAsync(ShopperEmail, DemoPassword),
            merchantKey, await app.SignedInClientAsync(MerchantEmail, DemoPassword), await BearerAsync(admin.Email, admin.Password),
            await app.SignedInClientAsync(admin.Email, admin.Password));
    }

    /// <summary>Development reads the admin from appsettings.Development.json; the other environments from the fixture.</summary>
    private async Task<(string Email, string Password)> AdminLoginAsync()
    {
        foreach (var (email, password) in new[] { (WebAppFixture.AdminEmail, WebAppFixture.AdminPassword), ("admin@demo.local", DemoPassword) })
        {
            var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
            if (login.IsSuccessStatusCode) return (email, password);
        }
        throw new InvalidOperationException("No admin could log in.");
    }

    private Task<HttpClient> BearerAsync(string email, string password) => Admin.AdminTestKit.BearerClientAsync(app, email, password);

    // ---- The API, from its OpenAPI document ----

    private static readonly string[] BadScalars =
        ["abc", "99999999999", "-99999999999", "1e400", "", Uri.EscapeDataString(Nonchar), Huge, "null", "%00", "%ZZ"];

    private async Task<List<Probe>> ApiProbesAsync(Clients clients)
    {
        var document = JsonNode.Parse(await clients.Anonymous.GetStringAsync("/openapi/v1.json"))!;
        var probes = new List<Probe>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in operations!.AsObject())
            {
                if (verb is "parameters" or "summary" or "description") continue;
                var method = new HttpMethod(verb.ToUpperInvariant());
                var client = ApiCaller(clients, path);
                var who = client == clients.Anonymous ? "anonymous" : client == clients.MerchantKey ? "merchant API key" : client == clients.AdminBearer ? "admin bearer" : "shopper bearer";
                var parameters = operation!["parameters"]?.AsArray().Select(p => Resolve(document, p!)).ToList() ?? [];
                var queryNames = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
                var pathNames = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
                var plausiblePath = Fill(path, pathNames, _ => "1");
                var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } s ? Resolve(document, s) : null;

                void Add(string url, string payload, Func<HttpContent?> body) => probes.Add(new Probe(client, who, method, url, payload, body));

                // Route values that are not what the route expects.
                foreach (var bad in BadScalars.Where(v => v.Length > 0 && pathNames.Count > 0))
                    Add(Fill(path, pathNames, _ => bad), $"path values '{Short(bad)}'", () => null);
                // Query values of the wrong type, out of range or not text.
                foreach (var bad in BadScalars.Where(_ => queryNames.Count > 0))
                    Add(plausiblePath + "?" + string.Join("&", queryNames.Select(n => $"{n}={bad}")), $"query values '{Short(bad)}'", () => null);
                if (schema is null && operation["requestBody"] is null) continue;

                // Bodies: none, the wrong type, not JSON, JSON of the wrong shape, too deep, too big.
                Add(plausiblePath, "no body", () => null);
                Add(plausiblePath, "text/plain body", () => new StringContent("hello", Encoding.UTF8, "text/plain"));
                Add(plausiblePath, "form body", () => new FormUrlEncodedContent([new("name", "x")]));
                foreach (var raw in new[] { "", "{", "null", "[]", "123", "\"text\"", "{\"a\":}", new string('[', 5000) + new string(']', 5000),
                             string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000), "{\"name\":\"" + new string('x', 300_000) + "\"}" })
                    Add(plausiblePath, $"JSON '{Short(raw)}'", () => new StringContent(raw, Encoding.UTF8, "application/json"));
                if (schema is null) continue;
                // Every field of the documented shape (nested too) at once set to one hostile kind...
                foreach (var kind in Enum.GetValues<Hostile>())
                {
                    var json = Sample(document, schema, kind, 0)?.ToJsonString() ?? "null";
                    Add(plausiblePath, $"every field {kind}: {Short(json)}", () => new StringContent(json, Encoding.UTF8, "application/json"));
                }
                // ...and each top-level field alone null, not text or overflowing, beside plausible others.
                if (Resolve(document, schema)["properties"]?.AsObject() is { } properties)
                    foreach (var (name, _) in properties)
                        foreach (var kind in new[] { Hostile.Null, Hostile.Nonchar, Hostile.Nul, Hostile.Overflow, Hostile.WrongType })
                        {
                            var body = (JsonObject)Sample(document, schema, Hostile.Plausible, 0)!;
                            body[name] = Sample(document, properties[name]!, kind, 1);
                            var json = body.ToJsonString();
                            Add(plausiblePath, $"{name} {kind}: {Short(json)}", () => new StringContent(json, Encoding.UTF8, "application/json"));
                        }
            }
        }
        return probes;
    }

    private static HttpClient ApiCaller(Clients clients, string path) =>
        path.StartsWith("/api/v1/admin") ? clients.AdminBearer
        : path.StartsWith("/api/v1/products") || path == "/register-product" ? clients.MerchantKey
        : path.StartsWith("/api/v1/auth/manage") || new[] { "/api/v1/cart", "/api/v1/wishlist", "/api/v1/checkout", "/api/v1/orders" }.Any(path.StartsWith) ? clients.ShopperBearer
        : clients.Anonymous;

    private enum Hostile { Plausible, Null, WrongType, Overflow, Negative, Nonchar, Nul, HugeText, Nested, EmptyArray }

    private static JsonNode? Sample(JsonNode document, JsonNode schemaRef, Hostile kind, int depth)
    {
        var schema = Resolve(document, schemaRef);
        var type = TypeOf(schema);
        if (type is "object" || schema["properties"] is not null)
        {
            if (depth > 3) return kind == Hostile.Plausible ? new JsonObject() : Leaf(kind, "object");
            var result = new JsonObject();
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                result[name] = Sample(document, property!, kind, depth + 1);
            return result;
        }
        if (type is "array")
        {
            if (kind == Hostile.EmptyArray) return new JsonArray();
            return depth > 3 || schema["items"] is null ? new JsonArray() : new JsonArray(Sample(document, schema["items"]!, kind, depth + 1));
        }
        if (kind == Hostile.Plausible)
            return schema["enum"]?.AsArray().FirstOrDefault()?.DeepClone()
                ?? (type switch { "integer" => 1, "number" => 1.5, "boolean" => true, _ => JsonValue.Create("plausible") });
        return Leaf(kind, type);
    }

    private static JsonNode? Leaf(Hostile kind, string? type) => kind switch
    {
        Hostile.Null => null,
        Hostile.WrongType => type is "string" ? JsonValue.Create(12345) : JsonValue.Create("abc"),
        Hostile.Overflow => JsonNode.Parse("99999999999999999999999999999999999999"),
        Hostile.Negative => JsonValue.Create(-99999999999L),
        Hostile.Nonchar => JsonValue.Create("x" + Nonchar + "\uFFFF" + "y"),
        Hostile.Nul => JsonValue.Create("x\0y"),
        Hostile.HugeText => JsonValue.Create(new string('x', 20_000)),
        Hostile.Nested => JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60)),
        Hostile.EmptyArray => new JsonArray(),
        _ => JsonValue.Create("plausible"),
    };

    /// <summary>The schema's type; OpenAPI 3.1 writes nullable ones as ["string", "null"], and numbers may be "integer | string".</summary>
    private static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t is not "null"),
        JsonValue value => (string?)value,
        _ => null,
    };

    private static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        for (var i = 0; i < 10 && node["$ref"] is { } reference; i++)
        {
            var at = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
                at = at[part]!;
            node = at;
        }
        if (node["allOf"] is JsonArray { Count: > 0 } all && node["properties"] is null) return Resolve(document, all[0]!);
        if ((node["oneOf"] ?? node["anyOf"]) is JsonArray { Count: > 0 } any && node["type"] is null)
            return Resolve(document, any.FirstOrDefault(s => Resolve(document, s!)["type"]?.ToString() != "null") ?? any[0]!);
        return node;
    }

    private static string Fill(string template, IEnumerable<string> names, Func<string, string> value) =>
        names.Aggregate(template, (path, name) => path.Replace("{" + name + "}", value(name)));

    // ---- Pages: every routed page, with hostile route and query values ----

    private static readonly string[] CommonQueryNames = ["page", "q", "sort", "returnUrl", "ReturnUrl", "code", "userId", "email", "variant", "edit", "shop", "ShopId", "handler", "category", "min", "max"];

    private static readonly string[] BadQueryValues =
        ["abc", "99999999999", "2147483647", "-2147483648", "0", "1.5", "", Uri.EscapeDataString(Nonchar), Huge, "https://evil.example/", "//evil.example", "%00", "true"];

    private async Task<List<Probe>> PageProbesAsync(Clients clients)
    {
        var slugs = await SlugsAsync();
        var probes = new List<Probe>();
        foreach (var (pattern, component) in PageRoutes())
        {
            var caller = PageCaller(clients, pattern);
            (HttpClient, string)[] callers = caller == clients.Anonymous ? [(clients.Anonymous, "anonymous")] : [(clients.Anonymous, "anonymous"), (caller, Who(clients, caller))];
            var names = RouteParameterNames(pattern);
            var queryNames = CommonQueryNames.Concat(component is null ? [] : QueryNamesOf(component)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var plausible = Fill(pattern, names.Keys, n => PlausibleRouteValue(pattern, names[n], slugs));
            foreach (var (client, who) in callers)
            {
                probes.Add(new Probe(client, who, HttpMethod.Get, plausible, "no query", () => null));
                probes.Add(new Probe(client, who, HttpMethod.Post, plausible, "empty form without antiforgery token", () => new FormUrlEncodedContent([])));
                foreach (var bad in BadQueryValues)
                    probes.Add(new Probe(client, who, HttpMethod.Get, plausible + "?" + string.Join("&", queryNames.Select(n => $"{n}={bad}")), $"query values '{Short(bad)}'", () => null));
                foreach (var bad in new[] { "abc", "99999999999", Uri.EscapeDataString(Nonchar), Huge, "%00" }.Where(_ => names.Count > 0))
                    probes.Add(new Probe(client, who, HttpMethod.Get, Fill(pattern, names.Keys, _ => bad), $"route values '{Short(bad)}'", () => null));
            }
        }
        return probes;
    }

    private IEnumerable<(string Pattern, Type? Component)> PageRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Component: e.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type))
            .Where(e => e.Component is not null || e.Pattern.StartsWith("/Identity/", StringComparison.OrdinalIgnoreCase))
            .Where(e => !e.Pattern.Contains("Logout", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(e => e.Pattern.ToLowerInvariant())
            .ToList();

    private static Dictionary<string, string> RouteParameterNames(string pattern) =>
        System.Text.RegularExpressions.Regex.Matches(pattern, @"\{\*?([A-Za-z]+)(:[^}]*)?\}")
            .ToDictionary(m => m.Value.Trim('{', '}'), m => m.Groups[1].Value);

    private static string PlausibleRouteValue(string pattern, string name, (string Product, string Category, string Shop, int ShopId, int ProductId) slugs) => name switch
    {
        "Slug" when pattern.StartsWith("/p/") => slugs.Product,
        "Slug" when pattern.StartsWith("/c/") => slugs.Category,
        "Slug" when pattern.StartsWith("/s/") => slugs.Shop,
        "ShopId" => slugs.ShopId.ToString(),
        "Id" when pattern.Contains("/shops/") => slugs.ShopId.ToString(),
        "Id" => slugs.ProductId.ToString(),
        _ => "x",
    };

    private async Task<(string Product, string Category, string Shop, int ShopId, int ProductId)> SlugsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var product = await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug, p.ShopId }).FirstAsync();
        var category = await db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Slug).FirstAsync();
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == product.ShopId).Select(s => s.Slug).FirstAsync();
        return (product.Slug, category, shop, product.ShopId, product.Id);
    }

    private static IEnumerable<string> QueryNamesOf(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.a is not null)
            .Select(x => x.a!.Name ?? x.p.Name);

    private static HttpClient PageCaller(Clients clients, string pattern) =>
        pattern.StartsWith("/admin") ? clients.AdminCookie
        : pattern.StartsWith("/merchant") ? clients.MerchantCookie
        : pattern is "/" or "/search" or "/shops" or "/not-found" or "/error" ? clients.Anonymous
        : clients.ShopperCookie;

    private static string Who(Clients clients, HttpClient client) =>
        client == clients.AdminCookie ? "admin cookie" : client == clients.MerchantCookie ? "merchant cookie" : client == clients.ShopperCookie ? "shopper cookie" : "anonymous";

    // ---- Forms: each form a page renders, posted with hostile values ----

    private async Task<List<Probe>> FormProbesAsync(Clients clients)
    {
        var slugs = await SlugsAsync();
        var parser = new HtmlParser();
        var probes = new List<Probe>();
        var seen = new HashSet<string>();
        foreach (var (pattern, _) in PageRoutes())
        {
            var names = RouteParameterNames(pattern);
            var url = Fill(pattern, names.Keys, n => PlausibleRouteValue(pattern, names[n], slugs));
            foreach (var client in new[] { clients.Anonymous, PageCaller(clients, pattern) }.Distinct())
            {
                var page = await client.GetAsync(url);
                if (!page.IsSuccessStatusCode) continue;
                var html = parser.ParseDocument(await page.Content.ReadAsStringAsync());
                foreach (var form in html.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                    if (action.Contains("logout", StringComparison.OrdinalIgnoreCase) || action.Contains("delete", StringComparison.OrdinalIgnoreCase)) continue;
                    var fields = form.Elements.OfType<IHtmlElement>()
                        .Select(e => (Name: e.GetAttribute("name"), Value: e.GetAttribute("value") ?? "", Hidden: e.GetAttribute("type") == "hidden"))
                        .Where(f => !string.IsNullOrEmpty(f.Name)).ToList();
                    var key = Who(clients, client) + " " + action + " " + string.Join(",", fields.Select(f => f.Name));
                    if (!seen.Add(key)) continue;
                    string[] kept = ["__RequestVerificationToken", "_handler"];
                    foreach (var bad in new[] { "abc", "99999999999", "-1", "", Nonchar, "x\uFFFFy", Huge, "https://evil.example/", "<script>", "\0" })
                        foreach (var alsoHidden in new[] { false, true })
                        {
                            var values = fields.Select(f => new KeyValuePair<string, string>(f.Name!,
                                kept.Contains(f.Name) || (f.Hidden && !alsoHidden) ? f.Value : bad)).ToList();
                            probes.Add(new Probe(client, Who(clients, client), HttpMethod.Post, action,
                                $"form {string.Join(",", fields.Select(f => f.Name))} = '{Short(bad)}'{(alsoHidden ? " (hidden fields too)" : "")}",
                                () => new FormUrlEncodedContent(values)));
                        }
                }
            }
        }
        return probes;
    }

    // ---- Sending ----

    private async Task RunAsync(IEnumerable<Probe> probes) =>
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (probe, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(probe.Method, probe.Url) { Content = probe.Body() };
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await probe.Client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode) _succeeded.AddOrUpdate(probe.Who, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    // An HTML error page says little beyond its title; a problem's detail is the useful part.
                    if (System.Text.RegularExpressions.Regex.Match(body, "<title>(.*?)</title>") is { Success: true } title) body = "page titled " + title.Groups[1].Value;
                    _failures.Enqueue(new Failure(probe.Who, probe.Method.Method, Short(probe.Url, 160), probe.Payload, (int)response.StatusCode, Short(body, 300)));
                }
            }
            catch (HttpRequestException e)
            {
                // The server dropping the connection is a failure too (a crash the client sees no status for).
                _failures.Enqueue(new Failure(probe.Who, probe.Method.Method, Short(probe.Url, 160), probe.Payload, 0, e.Message));
            }
        });

    private static string Short(string text, int length = 60) =>
        (text.Length > length ? text[..length] + $"…({text.Length} chars)" : text).Replace(Nonchar, "\\uFFFE").Replace("\uFFFF", "\\uFFFF").Replace("\0", "\\0");
}
