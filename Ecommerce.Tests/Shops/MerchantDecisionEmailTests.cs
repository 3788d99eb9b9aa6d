using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Tests.Orders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Shops;

/// <summary>
/// /sell promises "We will email you when it is decided": an admin's approval or rejection mails the contact email
/// once, through the platform's sender (counted at the sender, written to the pickup folder), however often the
/// event is delivered.
/// </summary>
public abstract class MerchantDecisionEmailTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Admin = AuditActor.User("admin-id", "admin@test.local");
    private MerchantApplications Applications => database.Services.GetRequiredService<MerchantApplications>();
    private CountingEmailSender Sender => database.Services.GetRequiredService<CountingEmailSender>();

    private async Task<MerchantApplicationView> ApplyAsync(string contact, string? userId = null)
    {
        if (userId is null)
        {
            using var scope = database.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureRolesAsync();
            var email = $"m-{Guid.NewGuid():N}@test.local";
            var user = new AppUser { UserName = email, Email = email };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user)).Succeeded);
            userId = user.Id;
        }
        return await Applications.ApplyAsync(userId, new MerchantApplicationInput("Fern & <Co>", contact, null, "US"));
    }

    private async Task RedeliverAsync()
    {
        await database.Dispatcher.DrainAsync();
        await using (var db = database.NewContext())
            await db.OutboxMessages.Where(m => m.Type == EventTypes.MerchantDecided)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        await database.Dispatcher.DrainAsync();
    }

    private IReadOnlyList<KeyValuePair<string, int>> SendsFor(int merchantId) =>
        Sender.Sends.Where(s => s.Key.StartsWith($"{EventTypes.MerchantDecided}:{merchantId}:")).ToList();

    [DatabaseFact]
    public async Task An_approval_mails_the_applicant_once()
    {
        var contact = $"sales-{Guid.NewGuid():N}@acme.test";
        var application = await ApplyAsync(contact);
        Assert.Empty(SendsFor(application.Id)); // nothing is decided yet

        await Applications.ApproveAsync(application.Id, Admin);
        await RedeliverAsync();
        await RedeliverAsync();

        var send = Assert.Single(SendsFor(application.Id));
        Assert.Equal(1, send.Value);
        var mail = Sender.LastOf(send.Key)!;
        Assert.Equal(contact, mail.To);
        Assert.Contains("approved", mail.Subject);
        Assert.Contains("Fern &amp; &lt;Co&gt;", mail.HtmlBody); // what the applicant typed is encoded
        Assert.Single(Directory.GetFiles(Path.Combine(database.Settings.DataFolder, "mail"), send.Key.Replace(':', '_') + ".eml"));
    }

    [DatabaseFact]
    public async Task A_rejection_mails_the_reason_and_a_second_decision_mails_again()
    {
        var contact = $"sales-{Guid.NewGuid():N}@acme.test";
        var application = await ApplyAsync(contact);
        await Applications.RejectAsync(application.Id, Admin, "The registry does not know <this> business");
        await RedeliverAsync();

        var rejection = Assert.Single(SendsFor(application.Id));
        var mail = Sender.LastOf(rejection.Key)!;
        Assert.Contains("not approved", mail.Subject);
        Assert.Contains("The registry does not know &lt;this&gt; business", mail.HtmlBody);

        // Corrected and applied again, then approved: a second mail, the first is not sent again.
        await ApplyAsync(contact, application.UserId);
        await Applications.ApproveAsync(application.Id, Admin);
        await RedeliverAsync();
        var sends = SendsFor(application.Id);
        Assert.Equal(2, sends.Count);
        Assert.All(sends, s => Assert.Equal(1, s.Value));
        Assert.Contains(sends, s => Sender.LastOf(s.Key)!.Subject.Contains("is approved"));
    }
}

public sealed class SqliteMerchantDecisionEmailTests(SqliteCountedEmailDatabase database) : MerchantDecisionEmailTests<SqliteCountedEmailDatabase>(database);

[RequiresPostgres]
public sealed class PostgresMerchantDecisionEmailTests(PostgresCountedEmailDatabase database) : MerchantDecisionEmailTests<PostgresCountedEmailDatabase>(database);
