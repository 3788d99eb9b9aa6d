using Ecommerce.Core.Email;
using Ecommerce.Core.Events;
using Ecommerce.Tests.Checkout;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ecommerce.Tests.Email;

/// <summary>A test database whose mail goes to a <see cref="GatedEmailSender"/>, with a clock the test moves forward.</summary>
public interface IEmailDatabase
{
    TestClock Clock { get; }
}

internal static class EmailTestServices
{
    public static void Add(IServiceCollection services, TestClock clock)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<GatedEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<GatedEmailSender>());
    }
}

public sealed class EmailSqliteDatabase : SqliteTestDatabase, IEmailDatabase
{
    public TestClock Clock { get; } = new();
    protected override void ConfigureServices(IServiceCollection services) => EmailTestServices.Add(services, Clock);
}

public sealed class EmailPostgresDatabase : PostgresTestDatabase, IEmailDatabase
{
    public TestClock Clock { get; } = new();
    protected override void ConfigureServices(IServiceCollection services) => EmailTestServices.Add(services, Clock);
}

/// <summary>
/// One email per key, sent with no database write held open: a slow mail server does not stop other writes (on SQLite
/// a write transaction locks the whole database), a second handler meeting a send in progress fails to be retried rather
/// than dropping the mail, and a send cut off after its claim goes out once the claim lapsed.
/// </summary>
public abstract class OnceOnlyEmailTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, IEmailDatabase
{
    private OnceOnlyEmail Email => database.Services.GetRequiredService<OnceOnlyEmail>();
    private GatedEmailSender Server => database.Services.GetRequiredService<GatedEmailSender>();
    private TimeSpan Lease => database.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.LeaseDuration;

    private static (string Key, EmailMessage Message) NewMail()
    {
        var id = Guid.NewGuid().ToString("N");
        return ($"test.mail:{id}:shopper", new EmailMessage($"{id[..8]}@buyers.test", $"Mail {id}", "<p>Hello</p>"));
    }

    private int SentWith(EmailMessage message) => Server.Sent.Count(m => m.Subject == message.Subject);

    private async Task<List<string>> RowsAsync(string key)
    {
        await using var db = database.NewContext();
        return await db.SentEmails.Where(e => e.Key.EndsWith(key)).Select(e => e.Key).ToListAsync();
    }

    [Fact]
    public async Task A_slow_mail_server_does_not_hold_up_another_write()
    {
        var (key, message) = NewMail();
        var started = Server.HoldNext();
        var sending = Task.Run(() => Email.SendAsync(key, message));
        try
        {
            await started.WaitAsync(TimeSpan.FromSeconds(30));

            // Another writer commits while the mail is still on its way (before the fix it waited for the whole send).
            var (otherKey, other) = NewMail();
            await using var db = database.NewContext();
            db.SentEmails.Add(new SentEmail { Key = otherKey, Recipient = other.To, SentAt = database.Clock.Now });
            await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally { Server.Release(); }

        Assert.True(await sending);
        Assert.Equal(1, SentWith(message));
        Assert.Equal(new[] { key }, await RowsAsync(key)); // recorded as sent, no claim left
    }

    [Fact]
    public async Task A_second_handler_meeting_a_send_in_progress_fails_to_be_retried_and_then_finds_it_sent()
    {
        var (key, message) = NewMail();
        var started = Server.HoldNext();
        var first = Task.Run(() => Email.SendAsync(key, message));
        try
        {
            await started.WaitAsync(TimeSpan.FromSeconds(30));
            await Assert.ThrowsAsync<EmailBeingSentException>(() => Email.SendAsync(key, message).WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally { Server.Release(); }

        Assert.True(await first);
        Assert.False(await Email.SendAsync(key, message));
        Assert.Equal(1, SentWith(message));
    }

    [Fact]
    public async Task A_send_cut_off_after_its_claim_is_sent_by_the_redelivery_once_the_claim_lapsed()
    {
        var (key, message) = NewMail();
        var started = Server.HoldNext();
        var cutOff = Task.Run(() => Email.SendAsync(key, message)); // stands for a process killed mid-send
        await started.WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<EmailBeingSentException>(() => Email.SendAsync(key, message));
        database.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.True(await Email.SendAsync(key, message));

        Assert.Equal(1, SentWith(message));
        Assert.Equal(new[] { key }, await RowsAsync(key));
        Server.Release(fail: true); // the "dead" send never went out
        await Assert.ThrowsAsync<IOException>(() => cutOff);
        Assert.False(await Email.SendAsync(key, message));
        Assert.Equal(1, SentWith(message));
    }

    [Fact]
    public async Task A_failed_send_can_be_retried_at_once()
    {
        var (key, message) = NewMail();
        var started = Server.HoldNext();
        var failing = Task.Run(() => Email.SendAsync(key, message));
        await started.WaitAsync(TimeSpan.FromSeconds(30));
        Server.Release(fail: true);
        await Assert.ThrowsAsync<IOException>(() => failing);
        Assert.Empty(await RowsAsync(key));

        Assert.True(await Email.SendAsync(key, message));
        Assert.Equal(1, SentWith(message));
    }
}

public sealed class SqliteOnceOnlyEmailTests(EmailSqliteDatabase database) : OnceOnlyEmailTests<EmailSqliteDatabase>(database);

public sealed class PostgresOnceOnlyEmailTests(EmailPostgresDatabase database) : OnceOnlyEmailTests<EmailPostgresDatabase>(database);
