using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Ecommerce.Core.Data.Seeding;

internal interface IBulkInserter
{
    Task InsertAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken);
}

/// <summary>
/// One prepared INSERT per table, re-bound for every row: SQLite runs in-process, so a statement per row costs
/// microseconds. Values are stored the way the model's SQLite converters store them (ModelConventions).
/// </summary>
internal sealed class SqliteBulkInserter(DbConnection connection, DbTransaction transaction) : IBulkInserter
{
    public Task InsertAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) " +
                              $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        var n = 0;
        foreach (var row in rows)
        {
            if (++n % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++)
                parameters[i].Value = ToSqlite(table.Columns[i].Type, table.Columns[i].Value(row));
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    private static object ToSqlite(ColumnType type, object? value) => value switch
    {
        null => DBNull.Value,
        decimal money => (long)decimal.Round(money * 10_000m), // ModelConventions: money as 1/10,000ths
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"), // EF Core's SQLite DateTime text
        Guid guid => guid.ToString().ToUpperInvariant(), // EF Core's SQLite Guid text
        _ => value,
    };
}

/// <summary>Binary COPY per table: the fastest way into PostgreSQL, and it joins the connection's open transaction.</summary>
internal sealed class PostgresBulkInserter(DbConnection connection) : IBulkInserter
{
    public async Task InsertAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {table.Name} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                var value = column.Value(row);
                if (value is null) { await importer.WriteNullAsync(cancellationToken); continue; }
                switch (column.Type)
                {
                    case ColumnType.Int: await importer.WriteAsync((int)value, NpgsqlDbType.Integer, cancellationToken); break;
                    case ColumnType.Text: await importer.WriteAsync((string)value, NpgsqlDbType.Text, cancellationToken); break;
                    case ColumnType.Json: await importer.WriteAsync((string)value, NpgsqlDbType.Jsonb, cancellationToken); break;
                    case ColumnType.Money or ColumnType.NullableMoney: await importer.WriteAsync((decimal)value, NpgsqlDbType.Numeric, cancellationToken); break;
                    case ColumnType.Time: await importer.WriteAsync((DateTime)value, NpgsqlDbType.TimestampTz, cancellationToken); break;
                    case ColumnType.Uuid: await importer.WriteAsync((Guid)value, NpgsqlDbType.Uuid, cancellationToken); break;
                    default: throw new NotSupportedException(column.Type.ToString());
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }
}

/// <summary>
/// SqlBulkCopy per table, in the caller's transaction, keeping the ids the writer reserved (KeepIdentity) and
/// checking the tables' constraints as an INSERT would.
/// </summary>
internal sealed class SqlServerBulkInserter(DbConnection connection, DbTransaction transaction) : IBulkInserter
{
    public async Task InsertAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        using var data = new DataTable();
        foreach (var column in table.Columns) data.Columns.Add(column.Name, ClrType(column.Type));
        foreach (var row in rows) data.Rows.Add(table.Columns.Select(c => c.Value(row) ?? DBNull.Value).ToArray());
        using var copy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)transaction)
        {
            DestinationTableName = table.Name,
            BulkCopyTimeout = 0,
        };
        foreach (var column in table.Columns) copy.ColumnMappings.Add(column.Name, column.Name);
        await copy.WriteToServerAsync(data, cancellationToken);
    }

    private static Type ClrType(ColumnType type) => type switch
    {
        ColumnType.Int => typeof(int),
        ColumnType.Text or ColumnType.Json => typeof(string),
        ColumnType.Money or ColumnType.NullableMoney => typeof(decimal),
        ColumnType.Time => typeof(DateTime),
        ColumnType.Uuid => typeof(Guid),
        _ => throw new NotSupportedException(type.ToString()),
    };
}
