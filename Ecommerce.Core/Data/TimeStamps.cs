using System.Collections.Concurrent;
using System.Reflection;
using Ecommerce.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ecommerce.Core.Data;

/// <summary>
/// Stamps the <see cref="StampedAttribute"/> times of inserted rows that their code left unset with the injected
/// <see cref="TimeProvider"/>, so the platform has one clock (tests move it with a fake one).
/// </summary>
public sealed class TimeStamps(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<Type, string[]> Stamped = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        DateTime? now = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added) continue;
            foreach (var name in Stamped.GetOrAdd(entry.Entity.GetType(), StampedProperties))
            {
                var property = entry.Property(name);
                if ((DateTime)property.CurrentValue! == default) property.CurrentValue = now ??= clock.GetUtcNow().UtcDateTime;
            }
        }
    }

    private static string[] StampedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(DateTime) && p.IsDefined(typeof(StampedAttribute), inherit: true))
            .Select(p => p.Name).ToArray();
}
