using Ecommerce.Core;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>
/// A real, migrated, empty database of one provider and the Core services on it. SQLite: a file in a temp folder.
/// PostgreSQL: a fresh database on the server the test command starts (see test.sh), dropped afterwards.
/// SQL Server: a fresh database on the server named by ECOMMERCE_TEST_SQLSERVER, when it is set.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public ServiceProvider Services { get; private set; } = default!;
    public DatabaseSettings Settings { get; private set; } = default!;
    public IDbContextFactory<AppDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
    protected string Folder { get; } = Directory.CreateTempSubdirectory("ecommerce-test-").FullName;

    protected abstract Task<DatabaseSettings> CreateAsync();
    protected virtual Task DropAsync() => Task.CompletedTask;

    /// <summary>
    /// Why this database cannot be made here, or null. A class fixture is created even when all its tests are skipped,
    /// so an unavailable database builds nothing (its tests are skipped by <see cref="DatabaseFactAttribute"/>).
    /// </summary>
    protected virtual string? Unavailable => null;

    /// <summary>Lets a test tune settings (outbox delays...) before the services are built.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    /// <summary>Lets a test add services (event handlers...) before the provider is built.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        Settings = await CreateAsync();
        var values = new Dictionary<string, string?>
        {
            ["Outbox:RetryBaseDelay"] = "00:00:00",
            ["Outbox:MaxAttempts"] = "3",
        };
        Configure(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        // EF logs the failures some tests provoke on purpose (constraints, stale edits); the assertions report real ones.
        services.AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
        services.AddEcommerceCore(configuration, Settings);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>().AddUserManager<AppUserManager>();
        ConfigureServices(services);
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public AppDbContext NewContext() => Contexts.CreateDbContext();

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public async Task DisposeAsync()
    {
        if (Unavailable is not null) return;
        await Services.DisposeAsync();
        await DropAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public class SqliteTestDatabase : TestDatabase
{
    protected override Task<DatabaseSettings> CreateAsync() =>
        Task.FromResult(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Folder, "test.db")}", Folder));

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

public class PostgresTestDatabase : TestDatabase
{
    /// <summary>The server the tests use; test.sh starts a local one and creates this role.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ECOMMERCE_TEST_POSTGRES")
        ?? "Host=localhost;Port=5432;Username=ecommerce_test;Password=ecommerce_test;Database=postgres";

    private string _database = "";

    protected override async Task<DatabaseSettings> CreateAsync()
    {
        _database = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database };
        return new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString, Folder);
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        // FORCE cannot end a session of another role (an autovacuum worker that just started on the new database):
        // wait for it a little; a database left behind after that is only a uniquely named leftover, not a failure.
        for (var attempt = 1; ; attempt++)
        {
            try { await command.ExecuteNonQueryAsync(); return; }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10) { await Task.Delay(300); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege) { return; }
        }
    }
}

public class SqlServerTestDatabase : TestDatabase
{
    public const string ConnectionVariable = "ECOMMERCE_TEST_SQLSERVER";

    /// <summary>The server the tests use, when one is configured: no SQL Server engine can be installed here.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Why the SQL Server tests are skipped, or null when a server is configured.</summary>
    public static string? NotConfigured => ServerConnectionString is null
        ? $"SQL Server not configured: set {ConnectionVariable} to a connection string of a server where these tests may create databases"
        : null;

    protected override string? Unavailable => NotConfigured;

    private string _database = "";

    protected override async Task<DatabaseSettings> CreateAsync()
    {
        _database = $"test_{Guid.NewGuid():N}";
        // Readers see the last committed rows instead of waiting on writers, as on PostgreSQL (README, "Running on SQL Server").
        await ExecuteAsync($"CREATE DATABASE [{_database}]");
        await ExecuteAsync($"ALTER DATABASE [{_database}] SET READ_COMMITTED_SNAPSHOT ON");
        var builder = new SqlConnectionStringBuilder(ServerConnectionString) { InitialCatalog = _database };
        return new DatabaseSettings(DatabaseProvider.SqlServer, builder.ConnectionString, Folder);
    }

    protected override async Task DropAsync()
    {
        SqlConnection.ClearAllPools();
        await ExecuteAsync($"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE");
        await ExecuteAsync($"DROP DATABASE [{_database}]");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
