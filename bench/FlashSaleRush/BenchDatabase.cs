using Ecommerce.Core;
using Ecommerce.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlashSaleRush;

/// <summary>
/// A fresh database for one run: a SQLite file in a temp folder, or a new PostgreSQL database made with the given
/// role (which needs CREATEDB) and dropped at the end, or likewise a new SQL Server database. The app gets its settings; the bench opens it through Core
/// only before and after the rush.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _databaseName;
    private ServiceProvider? _services;

    private BenchDatabase(DatabaseSettings settings, IReadOnlyDictionary<string, string> appSettings, string? adminConnection, string? databaseName)
    {
        Settings = settings;
        AppSettings = appSettings;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
    }

    public DatabaseSettings Settings { get; }
    /// <summary>What the web app is started with.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }
    public string Description => Settings.Provider switch
    {
        DatabaseProvider.Sqlite => "SQLite (file)",
        DatabaseProvider.SqlServer => $"SQL Server (database {_databaseName})",
        _ => $"PostgreSQL (database {_databaseName})",
    };

    public static async Task<BenchDatabase> CreateAsync(string folder, string? postgres, int poolSize, string namePrefix = "flash_rush")
    {
        if (postgres is null)
        {
            var sqlite = $"Data Source={Path.Combine(folder, "ecommerce.db")}";
            return new BenchDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, sqlite, folder),
                new Dictionary<string, string> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Sqlite"] = sqlite }, null, null);
        }

        var admin = new NpgsqlConnectionStringBuilder(postgres);
        if (string.IsNullOrEmpty(admin.Database)) admin.Database = "postgres";
        var name = $"{namePrefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000):D3}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // The server allows 100 connections and is shared with other work: the app's pool stays below that.
        var app = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, MaxPoolSize = poolSize };
        return new BenchDatabase(new DatabaseSettings(DatabaseProvider.Postgres, app.ConnectionString, folder),
            new Dictionary<string, string> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = app.ConnectionString },
            admin.ConnectionString, name);
    }

    /// <summary>A new database on the SQL Server of <paramref name="sqlServer"/> (a login that may create databases).</summary>
    public static async Task<BenchDatabase> CreateSqlServerAsync(string folder, string sqlServer, int poolSize, string namePrefix)
    {
        var admin = new SqlConnectionStringBuilder(sqlServer) { InitialCatalog = "master" };
        var name = $"{namePrefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000):D3}";
        // Readers see the last committed rows instead of waiting on writers, as the README asks of a SQL Server database.
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE [{name}]");
        await ExecuteAsync(admin.ConnectionString, $"ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON");
        var app = new SqlConnectionStringBuilder(admin.ConnectionString) { InitialCatalog = name, MaxPoolSize = poolSize };
        return new BenchDatabase(new DatabaseSettings(DatabaseProvider.SqlServer, app.ConnectionString, folder),
            new Dictionary<string, string> { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:SqlServer"] = app.ConnectionString },
            admin.ConnectionString, name);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Core's services on the run's database (after the app has migrated it).</summary>
    public IServiceProvider Services => _services ??= new ServiceCollection()
        .AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning))
        .AddEcommerceCore(new ConfigurationBuilder().Build(), Settings)
        .BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_adminConnection is null) return;
        if (Settings.Provider == DatabaseProvider.SqlServer)
        {
            SqlConnection.ClearAllPools();
            await ExecuteAsync(_adminConnection, $"ALTER DATABASE [{_databaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE");
            await ExecuteAsync(_adminConnection, $"DROP DATABASE [{_databaseName}]");
            return;
        }
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
