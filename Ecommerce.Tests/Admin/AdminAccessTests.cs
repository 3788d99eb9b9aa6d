using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// The access sweep: every endpoint under /api/v1/admin and every page under /admin, as the running host routes
/// them (so what other features add later is swept too), asked by an anonymous visitor, a shopper, a merchant and
/// an admin. Only the admin gets in. Route values are well-formed ids that match nothing, so the admin's POSTs and
/// DELETEs change nothing of the shared host's data.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminAccessTests(WebAppFixture app)
{
    private sealed record Target(string Method, string Path, bool IsPage)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    [Fact]
    public void The_sweep_finds_the_admin_pages_and_endpoints_and_every_routable_admin_component()
    {
        var targets = Targets();
        Assert.Contains(targets, t => t.IsPage && t.Path == "/admin");
        Assert.Contains(targets, t => t.IsPage && t.Path == "/admin/settings");
        Assert.Contains(targets, t => !t.IsPage && t.Path == "/api/v1/admin/dashboard");
        Assert.Contains(targets, t => !t.IsPage && t is { Method: "PUT", Path: "/api/v1/admin/settings" });

        // The route table agrees with the components themselves: every @page under /admin in the web assembly is swept.
        var declared = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>()).Select(r => r.Template)
            .Where(IsAdminPage).ToList();
        Assert.NotEmpty(declared);
        var swept = targets.Where(t => t.IsPage).Select(t => t.Path).ToHashSet();
        Assert.All(declared, template => Assert.Contains(Fill(RoutePatternFactory.Parse(template)), swept));
    }

    [Fact]
    public async Task Anonymous_visitors_get_401_from_the_admin_api_and_are_sent_to_log_in_from_admin_pages()
    {
        using var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var target in Targets())
        {
            using var response = await SendAsync(client, target);
            var location = response.Headers.Location?.OriginalString ?? "";
            var ok = target.IsPage
                ? response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Identity/Account/Login")
                : response.StatusCode == HttpStatusCode.Unauthorized && await IsProblemAsync(response);
            if (!ok) failures.Add($"{target}: {(int)response.StatusCode} {location}");
        }
        Assert.True(failures.Count == 0, "Open to anonymous visitors:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData(DemoSeeder.ShopperEmail)]
    [InlineData(DemoSeeder.MerchantEmail)]
    public async Task Shoppers_and_merchants_get_403_from_the_admin_api_and_access_denied_from_admin_pages(string email)
    {
        using var cookie = await app.SignedInClientAsync(email, DemoSeeder.DemoPassword);
        using var bearer = await AdminTestKit.BearerClientAsync(app, email, DemoSeeder.DemoPassword);
        var failures = new List<string>();
        foreach (var target in Targets())
        {
            foreach (var client in target.IsPage ? new[] { cookie } : new[] { cookie, bearer })
            {
                using var response = await SendAsync(client, target);
                var location = response.Headers.Location?.OriginalString ?? "";
                var ok = target.IsPage
                    ? response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Identity/Account/AccessDenied")
                    : response.StatusCode == HttpStatusCode.Forbidden && await IsProblemAsync(response);
                if (!ok) failures.Add($"{target} ({(client == cookie ? "cookie" : "bearer")}): {(int)response.StatusCode} {location}");
            }
        }
        Assert.True(failures.Count == 0, $"Open to {email}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Admins_get_into_every_admin_page_and_endpoint_with_the_cookie_and_with_a_bearer_token()
    {
        using var cookie = await app.SignedInClientAsync(WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        using var bearer = await AdminTestKit.BearerClientAsync(app, WebAppFixture.AdminEmail, WebAppFixture.AdminPassword);
        var failures = new List<string>();
        foreach (var target in Targets())
        {
            foreach (var client in target.IsPage ? new[] { cookie } : new[] { cookie, bearer })
            {
                using var response = await SendAsync(client, target);
                var location = response.Headers.Location?.OriginalString ?? "";
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || location.Contains("/Identity/Account/")
                    || (int)response.StatusCode >= 500)
                    failures.Add($"{target}: {(int)response.StatusCode} {location}");
            }
        }
        Assert.True(failures.Count == 0, "Refused to the admin (or failed):\n" + string.Join("\n", failures));
    }

    /// <summary>Every admin API route with each of its methods, and every admin page, from the host's own route table.</summary>
    private List<Target> Targets()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var targets = new List<Target>();
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var isPage = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null;
            if (isPage ? !IsAdminPage(template) : !template.StartsWith("/api/v1/admin", StringComparison.OrdinalIgnoreCase)) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "OPTIONS" && m != "HEAD"))
                targets.Add(new Target(isPage ? "GET" : method, Fill(endpoint.RoutePattern), isPage));
        }
        return targets.Distinct().ToList();
    }

    private static bool IsAdminPage(string template) =>
        template.Equals("/admin", StringComparison.OrdinalIgnoreCase) || template.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The route with well-formed values that match no row: numbers for numeric constraints, a GUID for guid ones.</summary>
    private static string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Value(parameter),
            _ => "",
        })));
        return "/" + string.Join("/", segments.Where(s => s.Length > 0));
    }

    private static string Value(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c.StartsWith("guid", StringComparison.OrdinalIgnoreCase))) return "7d3c1f50-0000-4000-8000-000000000001";
        if (constraints.Any(c => c.StartsWith("bool", StringComparison.OrdinalIgnoreCase))) return "true";
        if (constraints.Any(c => c.StartsWith("datetime", StringComparison.OrdinalIgnoreCase))) return "2026-01-01";
        if (constraints.Any(c => c.StartsWith("alpha", StringComparison.OrdinalIgnoreCase))) return "nothing";
        return "999999"; // int, long, and free text (a number or slug that names no row)
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Target target)
    {
        var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path);
        if (target.Method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
        && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32() == (int)response.StatusCode;
}
