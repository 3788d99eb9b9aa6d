using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Ecommerce.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The provider switch: registers <see cref="IDbContextFactory{AppDbContext}"/> (what services use, one short-lived
    /// context per operation) and a scoped <see cref="AppDbContext"/> (what Identity's stores use).
    /// </summary>
    public static IServiceCollection AddEcommerceData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<AfterCommit>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<TimeStamps>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseReachability>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.DataFolder);
            services.AddPooledDbContextFactory<SqliteAppDbContext>((sp, o) =>
                ConfigureSqlite(o, settings.ConnectionString).AddInterceptors(sp.GetRequiredService<OutboxSignal>(), sp.GetRequiredService<AfterCommit>(), sp.GetRequiredService<TimeStamps>()));
            services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<SqliteAppDbContext>>();
        }
        else if (settings.Provider == DatabaseProvider.SqlServer)
        {
            services.AddPooledDbContextFactory<SqlServerAppDbContext>((sp, o) =>
                ConfigureSqlServer(o, settings.ConnectionString).AddInterceptors(sp.GetRequiredService<OutboxSignal>(), sp.GetRequiredService<AfterCommit>(), sp.GetRequiredService<TimeStamps>()));
            services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<SqlServerAppDbContext>>();
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresAppDbContext>((sp, o) =>
                ConfigurePostgres(o, settings.ConnectionString).AddInterceptors(sp.GetRequiredService<OutboxSignal>(), sp.GetRequiredService<AfterCommit>(), sp.GetRequiredService<TimeStamps>()));
            services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<PostgresAppDbContext>>();
        }
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<PlannerStatistics>();
        services.AddHostedService(sp => sp.GetRequiredService<PlannerStatistics>());
        return services;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        // WAL lets readers go on while one writer commits; a busy timeout queues writers instead of failing them.
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true };
        return FailuresLoggedByTheirCaller(options.UseSqlite(builder.ToString(), sqlite => sqlite.CommandTimeout(60))
            .AddInterceptors(SqlitePragmas.Instance));
    }

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        FailuresLoggedByTheirCaller(options.UseNpgsql(connectionString));

    public static DbContextOptionsBuilder ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        FailuresLoggedByTheirCaller(options.UseSqlServer(connectionString));

    /// <summary>
    /// EF Core logs a failed connection, command, query or save as an error before its exception reaches the code that
    /// ran it, which handles it and logs what it means once (a request's error handler, a background loop through
    /// <see cref="DatabaseLoop"/>): while the database is away that doubled every poll's error, thousands a minute. EF's
    /// own entries are kept at debug level.
    /// </summary>
    private static DbContextOptionsBuilder FailuresLoggedByTheirCaller(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.ConnectionError, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
}

/// <summary>Hands out the provider's concrete context as the model's base type.</summary>
internal sealed class AppDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
    where TContext : AppDbContext
{
    public AppDbContext CreateDbContext() => inner.CreateDbContext();
}
