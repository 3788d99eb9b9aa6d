using System.Collections.Concurrent;
using Ecommerce.Core.Data;
using Ecommerce.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>Wraps the last registration of a service in a decorator (for a test database's ConfigureServices hook).</summary>
public static class ServiceDecoration
{
    public static void Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> wrap) where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(TService), sp => wrap(sp, Inner(sp)), registered.Lifetime));

        TService Inner(IServiceProvider sp) => (TService)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
    }
}

/// <summary>
/// The real sender (the pickup folder in tests), counting every send by the email's key: the sent_emails table
/// and the key-named pickup files cannot show a duplicate send, this can.
/// </summary>
public sealed class CountingEmailSender(IEmailSender inner) : IEmailSender
{
    private readonly ConcurrentDictionary<string, int> _sends = new();
    private readonly ConcurrentDictionary<string, EmailMessage> _last = new();

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        await inner.SendAsync(message, cancellationToken);
        _sends.AddOrUpdate(message.Key ?? "(no key)", 1, (_, n) => n + 1);
        _last[message.Key ?? "(no key)"] = message;
    }

    /// <summary>The last message sent with this key (the pickup file's body is transfer-encoded; this is the HTML).</summary>
    public EmailMessage? LastOf(string key) => _last.GetValueOrDefault(key);

    public int SendsOf(string key) => _sends.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, int> Sends => _sends;

    public static void Register(IServiceCollection services)
    {
        services.Decorate<IEmailSender>((_, real) => new CountingEmailSender(real));
        services.AddSingleton(sp => (CountingEmailSender)sp.GetRequiredService<IEmailSender>());
    }
}

/// <summary>
/// Makes the next SaveChanges that adds an entity of a given type fail with a DbUpdateException, as a lost
/// connection or a full disk would (the contexts are real; only that one save is refused).
/// </summary>
public sealed class SaveFaults
{
    private Type? _armed;

    public void FailNextInsertOf<TEntity>() => Volatile.Write(ref _armed, typeof(TEntity));

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<SaveFaults>();
        services.Decorate<IDbContextFactory<AppDbContext>>((sp, real) => new Factory(real, sp.GetRequiredService<SaveFaults>()));
    }

    private sealed class Factory(IDbContextFactory<AppDbContext> inner, SaveFaults faults) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext()
        {
            var db = inner.CreateDbContext();
            db.SavingChanges += (_, _) =>
            {
                if (Volatile.Read(ref faults._armed) is { } type && db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Metadata.ClrType == type)
                    && Interlocked.CompareExchange(ref faults._armed, null, type) == type)
                    throw new DbUpdateException($"Injected failure saving a new {type.Name}");
            };
            return db;
        }
    }
}
