using Microsoft.Extensions.Configuration;

namespace Ecommerce.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database the platform runs on, read and checked once at start. A wrong or missing setting stops
/// the app with a message that names the setting to fix.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataFolder)
{
    public const string ProviderKey = "Database:Provider";
    public const string SqliteConnectionKey = "ConnectionStrings:Sqlite";
    public const string PostgresConnectionKey = "ConnectionStrings:Postgres";
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
                $"Setting '{ProviderKey}' is '{providerText}'; it must be 'Sqlite' (the default) or 'Postgres'.");

        string connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = configuration[SqliteConnectionKey] is { Length: > 0 } cs
                ? cs
                : $"Data Source={Path.Combine(dataFolder, "ecommerce.db")}";
        }
        else
        {
            connectionString = configuration[PostgresConnectionKey] ?? "";
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException(
                    $"Setting '{ProviderKey}' is 'Postgres' but '{PostgresConnectionKey}' is missing; " +
                    "set it, e.g. 'Host=localhost;Database=ecommerce;Username=ecommerce;Password=...'.");
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString); }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"Setting '{PostgresConnectionKey}' is not a valid PostgreSQL connection string: {e.Message}");
            }
        }
        return new DatabaseSettings(provider, connectionString, dataFolder);
    }
}
