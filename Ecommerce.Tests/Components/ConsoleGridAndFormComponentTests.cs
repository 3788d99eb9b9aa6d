using System.Security.Claims;
using Bunit;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Web.Components.Admin.Users;
using Ecommerce.Web.Components.Merchant.Shops;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ecommerce.Tests.Components;

/// <summary>
/// A console data grid (admin users: server-side paging, sorting and search) and a console form (a new shop: a message
/// under each field Core refused) rendered with bunit on the real Core services and a real SQLite database.
/// </summary>
public sealed class ConsoleGridAndFormComponentTests : BunitContext, IClassFixture<SqliteTestDatabase>, IAsyncLifetime
{
    private readonly SqliteTestDatabase database;

    public ConsoleGridAndFormComponentTests(SqliteTestDatabase database)
    {
        this.database = database;
        Services.AddMudServices();
        foreach (var service in new[] { typeof(AdminUsers), typeof(UserAdministration), typeof(AuditLog), typeof(ShopEditor) })
            Services.AddSingleton(service, database.Services.GetRequiredService(service));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services (the data grid's) can only be disposed asynchronously.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private async Task<string> NewUserAsync(string email)
    {
        using var scope = database.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureRolesAsync();
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user)).Succeeded);
        return user.Id;
    }

    private static Task<AuthenticationState> SignedIn(string userId) =>
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));

    private static string[] Emails(IRenderedComponent<UsersPage> cut) =>
        cut.FindAll("tr.user-row").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToArray();

    [Fact]
    public async Task The_users_grid_asks_the_service_for_each_page_sort_and_search()
    {
        // 25 users whose address order is the reverse of their creation order ("a-grid-" sorts before the class's other users).
        for (var i = 1; i <= 25; i++) await NewUserAsync($"a-grid-{26 - i:00}@users.test");
        await using var db = database.NewContext();
        var total = await db.Users.CountAsync();
        var cut = Render<UsersPage>(p => p.AddCascadingValue(SignedIn("admin")));

        // Newest first, 20 to a page.
        cut.WaitForAssertion(() => Assert.Equal(20, Emails(cut).Length), TimeSpan.FromSeconds(10));
        Assert.Equal("a-grid-01@users.test", Emails(cut)[0]);
        Assert.Equal("a-grid-20@users.test", Emails(cut)[^1]);
        Assert.Contains($"1-20 of {total}", cut.Find(".mud-table-pagination").TextContent);

        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["a-grid-21@users.test", "a-grid-22@users.test", "a-grid-23@users.test", "a-grid-24@users.test", "a-grid-25@users.test"], Emails(cut).Take(5)));

        // A user added meanwhile shows up at once: each page and sort is a new question to the database.
        await NewUserAsync("a-grid-00@users.test");
        cut.FindAll(".mud-table-head th").Single(th => th.TextContent.Contains("Email")).QuerySelector(".sortable-column-header")!.Click();
        // The grid stays on page 2, which now starts one address earlier.
        cut.WaitForAssertion(() => Assert.Equal(["a-grid-20@users.test", "a-grid-21@users.test"], Emails(cut).Take(2)));
        cut.Find("button[aria-label='First page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(0, 20).Select(i => $"a-grid-{i:00}@users.test"), Emails(cut)));
        Assert.Contains($"of {total + 1}", cut.Find(".mud-table-pagination").TextContent);

        cut.Find("input[placeholder='Email or name']").Change("A-GRID-07");
        cut.WaitForAssertion(() => Assert.Equal(["a-grid-07@users.test"], Emails(cut)));
        Assert.Contains("1-1 of 1", cut.Find(".mud-table-pagination").TextContent);
    }

    [Fact]
    public async Task A_refused_new_shop_shows_each_problem_under_its_own_field_and_writes_nothing()
    {
        var merchant = await NewUserAsync($"shop-form-{Guid.NewGuid():N}@merchants.test");
        var applications = database.Services.GetRequiredService<MerchantApplications>();
        var application = await applications.ApplyAsync(merchant, new MerchantApplicationInput("Form Ltd", "sales@form.test", null, "fr"));
        await applications.ApproveAsync(application.Id, AuditActor.User(await NewUserAsync($"admin-{Guid.NewGuid():N}@test.local"), null));
        var cut = Render<ShopEditPage>(p => p.AddCascadingValue(SignedIn(merchant)));

        Input(cut, "Shop address").Change("Not A Slug!");
        Input(cut, "Description (Markdown)").Change(new string('x', 5001));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(["description", "name", "slug"],
            cut.FindAll(".field-error").Select(e => e.GetAttribute("data-field")!).Order()));
        // Each message sits beside its own field, and the field shows itself invalid.
        foreach (var (label, field) in new[] { ("Shop name", "name"), ("Shop address", "slug"), ("Description (Markdown)", "description") })
        {
            var wrapper = Input(cut, label).Closest("div:has(> .field-error)")!;
            Assert.Equal(field, wrapper.QuerySelector(".field-error")!.GetAttribute("data-field"));
            Assert.NotNull(wrapper.QuerySelector(".mud-input-error"));
        }
        Assert.Contains("name", cut.Find(".field-error[data-field=name]").TextContent);
        Assert.Contains("lower-case", cut.Find(".field-error[data-field=slug]").TextContent);
        Assert.Contains("too long", cut.Find(".field-error[data-field=description]").TextContent);
        await using (var db = database.NewContext())
            Assert.False(await db.Shops.AnyAsync(s => s.Merchant!.UserId == merchant));

        // Corrected, the shop is created and the page moves to it.
        var slug = "form-" + Guid.NewGuid().ToString("N")[..8];
        Input(cut, "Shop name").Change("Form Shop");
        Input(cut, "Shop address").Change(slug);
        Input(cut, "Description (Markdown)").Change("Hand-made forms");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Matches(@"/merchant/shops/\d+$", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
        await using (var db = database.NewContext())
            Assert.Equal("Form Shop", await db.Shops.Where(s => s.Slug == slug).Select(s => s.Name).SingleAsync());
    }

    // A MudBlazor field's input (or textarea), found by its visible label as a person finds it.
    private static AngleSharp.Dom.IElement Input<T>(IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var id = cut.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"#{id}");
    }
}
