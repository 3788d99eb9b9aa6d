using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Settings;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>Admins' decisions on merchant applications, on each provider: audited, one decision per application, a reason for a rejection.</summary>
public abstract class MerchantDecisionTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Alice = AuditActor.User("alice-id", "alice@test.local");
    private static readonly AuditActor Bob = AuditActor.User("bob-id", "bob@test.local");
    private MerchantApplications Applications => database.Services.GetRequiredService<MerchantApplications>();

    private async Task<MerchantApplicationView> ApplicationAsync()
    {
        using var scope = database.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureRolesAsync();
        var email = $"m-{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user)).Succeeded);
        return await Applications.ApplyAsync(user.Id, new MerchantApplicationInput("Acme " + email[..8], "sales@acme.test", null, "US"));
    }

    private async Task<List<AuditEntry>> EntriesAsync(int merchantId)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.Where(e => e.SubjectType == "merchant" && e.SubjectId == merchantId.ToString()).ToListAsync();
    }

    [Fact]
    public async Task Approval_and_rejection_are_audited_with_the_admin_and_the_reason()
    {
        var approved = await ApplicationAsync();
        await Applications.ApproveAsync(approved.Id, Alice);
        var approval = Assert.Single(await EntriesAsync(approved.Id));
        Assert.Equal(("merchant.approved", "alice@test.local", "alice-id"), (approval.Action, approval.ActorName, approval.ActorId));

        var rejected = await ApplicationAsync();
        var noReason = await Assert.ThrowsAsync<ValidationException>(() => Applications.RejectAsync(rejected.Id, Alice, " "));
        Assert.Contains("reason", noReason.Errors.Keys);
        Assert.Empty(await EntriesAsync(rejected.Id));
        await Applications.RejectAsync(rejected.Id, Bob, "The registry does not know this business");
        var rejection = Assert.Single(await EntriesAsync(rejected.Id));
        Assert.Equal(("merchant.rejected", "bob@test.local", "The registry does not know this business"), (rejection.Action, rejection.ActorName, rejection.Reason));
        // The applicant sees the reason.
        Assert.Equal("The registry does not know this business", (await Applications.OfUserAsync(rejected.UserId))!.DecisionReason);
        await Assert.ThrowsAsync<NotFoundException>(() => Applications.ApproveAsync(999999, Alice));
    }

    [Fact]
    public async Task Two_admins_deciding_at_once_make_one_decision()
    {
        var application = await ApplicationAsync();
        var results = await Task.WhenAll(
            Capture(() => Applications.ApproveAsync(application.Id, Alice)),
            Capture(() => Applications.RejectAsync(application.Id, Bob, "Duplicate business")));
        Assert.Single(results, r => r is null);
        Assert.IsType<ConflictException>(Assert.Single(results, r => r is not null));
        Assert.Single(await EntriesAsync(application.Id));
    }

    [Fact]
    public async Task An_automatic_approval_is_audited_as_the_system()
    {
        var settings = database.Services.GetRequiredService<PlatformSettings>();
        await settings.SetMerchantApprovalAsync(MerchantApprovalPolicy.Automatic, Alice);
        try
        {
            var application = await ApplicationAsync();
            Assert.Equal(MerchantStatus.Approved, application.Status);
            var entry = Assert.Single(await EntriesAsync(application.Id));
            Assert.Equal(("merchant.approved", "system"), (entry.Action, entry.ActorName));
        }
        finally
        {
            await settings.SetMerchantApprovalAsync(MerchantApprovalPolicy.ByAdmin, Alice);
        }
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) { return e; }
    }
}

public sealed class SqliteMerchantDecisionTests(SqliteTestDatabase database) : MerchantDecisionTests<SqliteTestDatabase>(database);

public sealed class PostgresMerchantDecisionTests(PostgresTestDatabase database) : MerchantDecisionTests<PostgresTestDatabase>(database);
