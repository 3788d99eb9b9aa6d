using Ecommerce.Core.Data;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Ecommerce.Tests.Data;

/// <summary>
/// Every migration applies inside its transaction: EF Core's warning that an operation of a migration cannot run in
/// one (SQLite rebuilds a table to add a check constraint) is made an error here, on an empty database and on one
/// that was migrated before such operations were given migrations of their own.
/// </summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly string[] SplitOut =
    [
        "20261122063552_StockReservedCheck", "20261122063553_FlashSaleSoldCheck", "20261122094119_ShopOrderRefundedCheck",
        "20261122094120_PaymentRefundedCheck", "20261122094121_OrderLineReturnedCheck", "20261122094122_OrderLineShippedCheck",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("ecommerce-migrations-").FullName;

    private SqliteAppDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={Path.Combine(_folder, "shop.db")}");
        options.ConfigureWarnings(w => w.Throw(RelationalEventId.NonTransactionalMigrationOperationWarning));
        return new SqliteAppDbContext(options.Options);
    }

    [Fact]
    public async Task An_empty_database_migrates_with_every_operation_in_a_transaction()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Superset(SplitOut.ToHashSet(), (await db.Database.GetAppliedMigrationsAsync()).ToHashSet());
    }

    [Fact]
    public async Task A_database_migrated_before_the_split_keeps_its_rows_and_its_constraints()
    {
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            var (shop, category) = await TestData.ShopWithCategoryAsync(db, "migrated");
            db.Products.Add(TestData.Product(shop, category, "Kept", 10m, stock: 7));
            await db.SaveChangesAsync();
            // As a database made before: the constraints are there, their migrations are not in its history.
            foreach (var id in SplitOut)
                await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {id}");
        }
        SqliteConnection.ClearAllPools();

        await using (var db = NewContext())
        {
            Assert.Equal(SplitOut, await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(7, await db.ProductVariants.Where(v => v.Product!.Name == "Kept").Select(v => v.Stock!.OnHand).SingleAsync());
            // Still enforced: more units reserved than on hand is refused by the database.
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.StockItems.ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, 8)));
            Assert.Contains("ck_stock_items_reserved", refused.Message);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same rule on PostgreSQL, on a database of its own.</summary>
[RequiresPostgres]
public sealed class PostgresMigrationTests
{
    [DatabaseFact]
    public async Task An_empty_database_migrates_with_every_operation_in_a_transaction()
    {
        var name = $"test_migrations_{Guid.NewGuid():N}";
        await using (var server = new NpgsqlConnection(PostgresTestDatabase.ServerConnectionString))
        {
            await server.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server).ExecuteNonQueryAsync();
        }
        try
        {
            var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
            DataServiceCollectionExtensions.ConfigurePostgres(options, new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString) { Database = name }.ConnectionString);
            options.ConfigureWarnings(w => w.Throw(RelationalEventId.NonTransactionalMigrationOperationWarning));
            await using var db = new PostgresAppDbContext(options.Options);
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(PostgresTestDatabase.ServerConnectionString);
            await server.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server).ExecuteNonQueryAsync();
        }
    }
}
