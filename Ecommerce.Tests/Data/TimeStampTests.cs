using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.Tests.Data;

/// <summary>The platform has one clock: rows inserted without a time get the injected TimeProvider's, not the machine's.</summary>
public abstract class TimeStampTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    /// <summary>Years away from the machine's clock, so a time taken from it cannot pass for this one.</summary>
    public static readonly DateTime FakeNow = new(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    [DatabaseFact]
    public async Task Rows_inserted_without_a_time_get_the_injected_clocks_time()
    {
        long outboxId, auditId;
        await using (var db = database.NewContext())
        {
            var message = db.Enqueue("test.stamped", new { });
            var entry = db.Record(AuditActor.System, "test.stamped", "test", "1");
            await db.SaveChangesAsync();
            (outboxId, auditId) = (message.Id, entry.Id);
        }
        using (var scope = database.Services.CreateScope())
        {
            await AccountBootstrapper.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = "stamped@example.com", Email = "stamped@example.com" })).Succeeded);
        }

        await using var read = database.NewContext();
        var stored = await read.OutboxMessages.SingleAsync(m => m.Id == outboxId);
        Assert.Equal(FakeNow, stored.OccurredAt);
        Assert.Equal(FakeNow, stored.NextAttemptAt);
        Assert.Equal(FakeNow, (await read.AuditEntries.SingleAsync(a => a.Id == auditId)).At);
        Assert.Equal(FakeNow, (await read.Users.SingleAsync(u => u.Email == "stamped@example.com")).CreatedAt);
    }

    [DatabaseFact]
    public async Task A_time_the_code_sets_is_kept()
    {
        var chosen = FakeNow.AddDays(-3);
        await using var db = database.NewContext();
        var message = db.Enqueue("test.stamped", new { });
        message.NextAttemptAt = chosen;
        await db.SaveChangesAsync();

        await using var read = database.NewContext();
        var stored = await read.OutboxMessages.SingleAsync(m => m.Id == message.Id);
        Assert.Equal(chosen, stored.NextAttemptAt);
        Assert.Equal(FakeNow, stored.OccurredAt);
    }
}

internal static class FakeClockServices
{
    public static void Add(IServiceCollection services) =>
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(TimeStampTests<TestDatabase>.FakeNow)));
}

public sealed class FakeClockSqliteDatabase : SqliteTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => FakeClockServices.Add(services);
}

public sealed class FakeClockPostgresDatabase : PostgresTestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) => FakeClockServices.Add(services);
}

public sealed class SqliteTimeStampTests(FakeClockSqliteDatabase database) : TimeStampTests<FakeClockSqliteDatabase>(database);

[RequiresPostgres]
public sealed class PostgresTimeStampTests(FakeClockPostgresDatabase database) : TimeStampTests<FakeClockPostgresDatabase>(database);
