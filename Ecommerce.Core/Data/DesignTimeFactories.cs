using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ecommerce.Core.Data;

// Used only by `dotnet ef migrations add` (README, "Migrations"): each provider's context without the web host.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteAppDbContext(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, "Host=localhost;Database=ecommerce_design");
        return new PostgresAppDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlServer(options, "Server=localhost;Database=ecommerce_design;Integrated Security=True;TrustServerCertificate=True");
        return new SqlServerAppDbContext(options.Options);
    }
}
