using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>The audit log's free text on each provider: who, what, which thing and why, whatever the letters' case.</summary>
public abstract class AuditSearchTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private AuditLog Log => database.Services.GetRequiredService<AuditLog>();

    private async Task<int> FoundAsync(string text) =>
        (await Log.SearchAsync(new AuditQuery(Text: text), new PageRequest(1, 10))).Total;

    [DatabaseFact]
    public async Task Free_text_ignores_case_in_the_actor_action_subject_and_reason()
    {
        var token = "Zq" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(); // letters of both cases, unique to this test
        await using (var db = database.NewContext())
        {
            db.Record(AuditActor.User("u-1", $"Ada.{token}@Example.test"), "user.locked", "user", "u-1", reason: "Chargeback fraud");
            db.Record(AuditActor.System, "order.refunded", "order", $"ORD-{token}", reason: "Damaged in transit");
            db.Record(AuditActor.System, "shop.suspended", "shop", "42", reason: $"Counterfeit goods, case {token}");
            await db.SaveChangesAsync();
        }

        Assert.Equal(3, await FoundAsync(token));
        Assert.Equal(3, await FoundAsync(token.ToLowerInvariant()));
        Assert.Equal(3, await FoundAsync(token.ToUpperInvariant()));
        Assert.Equal(1, await FoundAsync($"ada.{token.ToLowerInvariant()}@EXAMPLE"));       // actor
        Assert.Equal(1, await FoundAsync($"ord-{token.ToLowerInvariant()}"));              // subject
        Assert.Equal(1, await FoundAsync($"COUNTERFEIT GOODS, CASE {token.ToLowerInvariant()}")); // reason
        Assert.True(await FoundAsync("USER.LOCKED") >= 1);                                  // action
        Assert.Equal(0, await FoundAsync(token + "x"));
    }

    [DatabaseFact]
    public async Task The_latest_reason_per_subject_is_read_for_a_page_of_subjects()
    {
        var (ada, bob, cy) = ("u-" + Guid.NewGuid().ToString("N")[..8], "u-" + Guid.NewGuid().ToString("N")[..8], "u-" + Guid.NewGuid().ToString("N")[..8]);
        var admin = AuditActor.User("admin", "admin@test.local");
        await using (var db = database.NewContext())
        {
            db.Record(admin, "user.locked", "user", ada, reason: "Chargebacks");
            db.Record(admin, "user.locked", "user", bob, reason: "Spam reviews");
            await db.SaveChangesAsync();
            db.Record(admin, "user.unlocked", "user", ada, reason: "Cleared");
            db.Record(admin, "user.locked", "user", ada, reason: "Chargebacks again");
            db.Record(admin, "user.locked", "shop", cy, reason: "Another kind of subject");
            await db.SaveChangesAsync();
        }

        var reasons = await Log.LatestReasonsAsync("user.locked", "user", [ada, bob, cy]);
        Assert.Equal(2, reasons.Count);
        Assert.Equal("Chargebacks again", reasons[ada]);
        Assert.Equal("Spam reviews", reasons[bob]);
        Assert.Empty(await Log.LatestReasonsAsync("user.locked", "user", []));
    }
}

public sealed class SqliteAuditSearchTests(SqliteTestDatabase database) : AuditSearchTests<SqliteTestDatabase>(database);

public sealed class PostgresAuditSearchTests(PostgresTestDatabase database) : AuditSearchTests<PostgresTestDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerAuditSearchTests(SqlServerTestDatabase database) : AuditSearchTests<SqlServerTestDatabase>(database);
