using Microsoft.AspNetCore.Hosting;
using Ecommerce.Core.Data;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.Tests.Web;

/// <summary>A wrong or missing database setting stops the app at start with a message naming the setting.</summary>
public sealed class StartupSettingsTests
{
    private static DatabaseSettings Read(params (string Key, string Value)[] values) =>
        DatabaseSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/srv/app");

    [Fact]
    public void Sqlite_is_the_default_with_a_file_in_the_data_folder()
    {
        var settings = Read();
        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal("/srv/app/App_Data", settings.DataFolder);
        Assert.Equal("Data Source=/srv/app/App_Data/ecommerce.db", settings.ConnectionString);
    }

    [Fact]
    public void An_unknown_provider_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", "Oracle")));
        Assert.Contains("Database:Provider", error.Message);
        Assert.Contains("Oracle", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", "Postgres")));
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    [Fact]
    public void A_malformed_postgres_connection_string_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Read(("Database:Provider", "postgres"), ("ConnectionStrings:Postgres", "Host=localhost;Nonsense Key=1")));
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    [Fact]
    public void Sql_server_needs_a_valid_connection_string_and_the_message_names_the_setting()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", "SqlServer")));
        Assert.Contains("ConnectionStrings:SqlServer", missing.Message);
        var malformed = Assert.Throws<InvalidOperationException>(() =>
            Read(("Database:Provider", "sqlserver"), ("ConnectionStrings:SqlServer", "Server=localhost;Nonsense Key=1")));
        Assert.Contains("ConnectionStrings:SqlServer", malformed.Message);
        var settings = Read(("Database:Provider", "SqlServer"), ("ConnectionStrings:SqlServer", "Server=db;Database=shop;TrustServerCertificate=True"));
        Assert.Equal(DatabaseProvider.SqlServer, settings.Provider);
    }

    [Fact]
    public void The_app_does_not_start_with_a_wrong_provider()
    {
        using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "Oracle");
            web.UseSetting("DataFolder", Path.Combine(Path.GetTempPath(), "ecommerce-never-" + Guid.NewGuid().ToString("N")));
        });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Database:Provider", error.ToString());
    }
}
