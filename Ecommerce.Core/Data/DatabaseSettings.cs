using Microsoft.Extensions.Configuration;

namespace Ecommerce.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary>
/// Which database the platform runs on, read and checked once at start. A wrong or missing setting stops
/// the app with a message that names the setting to fix.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataFolder)
{
    public const string ProviderKey = "Database:Provider";
    public const string SqliteConnectionKey = "ConnectionStrings:Sqlite";
    public const string PostgresConnectionKey = "ConnectionStrings:Postgres";
    public const string SqlServerConnectionKey = "ConnectionStrings:SqlServer";
    public const string DataFolderKey = "DataFolder";

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var dataFolder = Path.GetFullPath(configuration[DataFolderKey] is { Length: > 0 } folder
            ? Path.Combine(contentRoot, folder)
            : Path.Combine(contentRoot, "App_Data"));

        var providerText = configuration[ProviderKey];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText)) provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
            throw new InvalidOperationException(
                $"Setting '{ProviderKey}' is '{providerText}'; it must be 'Sqlite' (the default), 'Postgres' or 'SqlServer'.");

        string connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = configuration[SqliteConnectionKey] is { Length: > 0 } cs
                ? cs
                : $"Data Source={Path.Combine(dataFolder, "ecommerce.db")}";
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            connectionString = Required(configuration, PostgresConnectionKey, "Postgres", "Host=localhost;Database=ecommerce;Username=ecommerce;Password=...");
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString); }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"Setting '{PostgresConnectionKey}' is not a valid PostgreSQL connection string: {e.Message}");
            }
        }
        else
        {
            connectionString = Required(configuration, SqlServerConnectionKey, "SqlServer", "Server=localhost;Database=ecommerce;User Id=ecommerce;Password=...;TrustServerCertificate=True");
            try { _ = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString); }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new InvalidOperationException($"Setting '{SqlServerConnectionKey}' is not a valid SQL Server connection string: {e.Message}");
            }
        }
        return new DatabaseSettings(provider, connectionString, dataFolder);
    }

    private static string Required(IConfiguration configuration, string key, string provider, string example)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"Setting '{ProviderKey}' is '{provider}' but '{key}' is missing; set it, e.g. '{example}'.");
        return value;
    }
}
