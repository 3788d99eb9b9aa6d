using System.Text;
using Ecommerce.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ecommerce.Core.Data;

/// <summary>
/// Model-wide rules applied after every entity configuration:
/// snake_case names (raw SQL reads the same on both providers), concurrency tokens on <see cref="IVersioned"/>,
/// and the few storage differences between the providers.
/// </summary>
internal static class ModelConventions
{
    /// <summary>Annotation set by <see cref="JsonColumnExtensions.HasJsonColumn{T}"/>: stored as jsonb on PostgreSQL.</summary>
    public const string JsonAnnotation = "Ecommerce:Json";

    public static void Apply(ModelBuilder builder, DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        var sqlite = provider == DatabaseProvider.Sqlite;
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table) entity.SetTableName(ToSnakeCase(table));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
                if (typeof(IVersioned).IsAssignableFrom(entity.ClrType) && property.Name == nameof(IVersioned.Version))
                    property.IsConcurrencyToken = true;
                if (postgres && property.FindAnnotation(JsonAnnotation) is not null)
                    property.SetColumnType("jsonb");
                if (sqlite && property.ClrType == typeof(decimal))
                    property.SetValueConverter(SqliteDecimal);
                if (sqlite && property.ClrType == typeof(decimal?))
                    property.SetValueConverter(SqliteNullableDecimal);
                if (!postgres && (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?)))
                    property.SetValueConverter(property.ClrType == typeof(DateTime) ? SqliteUtc : SqliteNullableUtc);
            }
            foreach (var key in entity.GetKeys()) key.SetName(ToSnakeCase(key.GetName()!));
            // SQL Server refuses a second cascade path to a table (error 1785): a flash sale cascades from its product,
            // and ProductCommands removes a deleted variant's sales itself.
            if (provider == DatabaseProvider.SqlServer && entity.ClrType == typeof(Pricing.FlashSale))
                foreach (var fk in entity.GetForeignKeys().Where(f => f.PrincipalEntityType.ClrType == typeof(Catalog.ProductVariant)))
                    fk.DeleteBehavior = DeleteBehavior.NoAction;
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(ToSnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
        }
    }

    // SQLite has no decimal type and cannot compare or order EF's TEXT decimals in SQL; money is stored as
    // an integer of 1/10,000ths, exact and sortable.
    private const decimal Scale = 10_000m;
    private static readonly ValueConverter<decimal, long> SqliteDecimal =
        new(v => (long)decimal.Round(v * Scale), v => FromSqliteMoney(v));
    private static readonly ValueConverter<decimal?, long?> SqliteNullableDecimal =
        new(v => v.HasValue ? (long)decimal.Round(v.Value * Scale) : null, v => v.HasValue ? FromSqliteMoney(v.Value) : null);

    /// <summary>A money column as SQLite stores it, for code that reads rows without EF Core (the search loader).</summary>
    internal static decimal FromSqliteMoney(long stored) => stored / Scale;

    // SQLite and SQL Server's datetime2 lose DateTime.Kind; every time in the platform is UTC.
    private static readonly ValueConverter<DateTime, DateTime> SqliteUtc =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
    private static readonly ValueConverter<DateTime?, DateTime?> SqliteNullableUtc =
        new(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : null);

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
