using System.Data.Common;
using System.Text.Json;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>
/// Writes generated products (with variants, stock, images and a product.registered outbox event each) far
/// faster than change tracking can: ids are reserved up front, then each table is filled with prepared INSERTs
/// on SQLite, binary COPY on PostgreSQL or SqlBulkCopy on SQL Server, inside the caller's transaction.
/// </summary>
internal static class BulkProductWriter
{
    public static async Task WriteAsync(AppDbContext db, IReadOnlyList<GeneratedProduct> batch, DateTime now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk product writes need an open transaction.");
        var connection = transaction.Connection!;

        var products = batch.Select(g => g.Product).ToList();
        var variants = products.SelectMany(p => p.Variants).ToList();
        var productIds = await ReserveIdsAsync(db.Provider, connection, transaction, "products", products.Count, cancellationToken);
        var variantIds = await ReserveIdsAsync(db.Provider, connection, transaction, "product_variants", variants.Count, cancellationToken);

        // Ids are (re)assigned on every attempt, so a retried transaction writes consistent rows.
        var v = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var (product, slugStem, skuPrefix) = batch[i];
            product.Id = productIds[i];
            product.Slug = $"{slugStem}-{product.Id}";
            foreach (var variant in product.Variants)
            {
                variant.Id = variantIds[v++];
                variant.ProductId = product.Id;
                variant.Sku = $"{skuPrefix}-{product.Id}-{variant.Position + 1}";
                variant.Stock!.VariantId = variant.Id;
            }
            foreach (var image in product.Images) image.ProductId = product.Id;
        }

        var events = products.Select(p => new OutboxMessage
        {
            Type = EventTypes.ProductRegistered,
            Payload = JsonSerializer.Serialize(new ProductEvent(p.Id, p.ShopId), Outbox.Json),
            OccurredAt = now,
            NextAttemptAt = now,
        });

        IBulkInserter inserter = db.Provider switch
        {
            DatabaseProvider.Postgres => new PostgresBulkInserter(connection),
            DatabaseProvider.SqlServer => new SqlServerBulkInserter(connection, transaction),
            _ => new SqliteBulkInserter(connection, transaction),
        };
        await inserter.InsertAsync(BulkTables.Products, products, cancellationToken);
        await inserter.InsertAsync(BulkTables.Variants, variants, cancellationToken);
        await inserter.InsertAsync(BulkTables.Stock, variants.Select(x => x.Stock!), cancellationToken);
        await inserter.InsertAsync(BulkTables.Images, products.SelectMany(p => p.Images), cancellationToken);
        await inserter.InsertAsync(BulkTables.Outbox, events, cancellationToken);
    }

    /// <summary>
    /// Ids no one else will use. PostgreSQL: taken from the identity sequence, safe beside concurrent inserts.
    /// SQLite: above the highest id ever used; safe because the caller's transaction holds SQLite's single write lock.
    /// SQL Server: above the highest id and the identity's current value, with the table locked to the end of the
    /// caller's transaction; the rows keep these ids and the identity moves past them.
    /// </summary>
    private static async Task<int[]> ReserveIdsAsync(DatabaseProvider provider, DbConnection connection, DbTransaction transaction, string table, int count, CancellationToken cancellationToken)
    {
        var ids = new int[count];
        if (count == 0) return ids;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (provider == DatabaseProvider.Postgres)
        {
            command.CommandText = $"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, {count})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++) ids[i] = checked((int)reader.GetInt64(0));
        }
        else
        {
            command.CommandText = provider == DatabaseProvider.SqlServer ? SqlServer.HighestId(table) :
                $"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))";
            var start = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
            for (var i = 0; i < count; i++) ids[i] = checked((int)(start + 1 + i));
        }
        return ids;
    }

    [SqlServerStatements]
    internal static class SqlServer
    {
        public static string HighestId(string table) => $"""
            SELECT CAST(CASE WHEN m.id > ISNULL(IDENT_CURRENT('{table}'), 0) THEN m.id ELSE ISNULL(IDENT_CURRENT('{table}'), 0) END AS bigint)
              FROM (SELECT ISNULL(MAX(id), 0) AS id FROM {table} WITH (TABLOCKX, HOLDLOCK)) AS m
            """;

        public static string HighestProductId => HighestId("products");
    }
}
