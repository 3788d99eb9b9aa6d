using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ecommerce.Tests.Data;

/// <summary>
/// What can be checked of SQL Server where no SQL Server runs: the migration script, every hand-written statement and
/// the SQL the services' LINQ queries become are parsed as T-SQL, so a syntax error fails here. Whether they behave
/// (locks, upserts, never overselling) is for the [RequiresSqlServer] classes, run when a server is configured.
/// </summary>
public sealed class SqlServerScriptTests
{
    // Never connected to: the script and the queries are made without a server.
    private const string NoServer = "Server=sqlserver.invalid;Database=ecommerce;TrustServerCertificate=True";

    [Fact]
    public void The_migration_script_is_valid_TSql()
    {
        using var db = Context();
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE [outbox_messages]", script);
        AssertParses("migration script", script);
    }

    [Fact]
    public void Every_hand_written_statement_is_valid_TSql()
    {
        var statements = HandWritten().ToList();
        // The ones the invariants rest on must be found, or a renamed registry would pass with nothing parsed.
        string[] expected =
        [
            "OutboxDispatcher+SqlServer.ClaimBatch", "StockReservations+SqlServer.ClaimFlashSale", "CouponUses+SqlServer.CountUse",
            "PaymentNotifications+SqlServer.InsertNotification", "OnceOnlyEmail+SqlServer.InsertIfAbsent", "ProductViews+SqlServer.UpsertThreeRows",
            "CategoryAdmin+SqlServer.AttributeValues", "StorefrontCatalog+SqlServer.WithTag", "SearchDocumentLoader+SqlServer.ProductPage",
            "BulkProductWriter+SqlServer.HighestProductId",
        ];
        Assert.All(expected, name => Assert.Contains(name, statements.Select(s => s.Name)));
        Assert.All(statements, s => AssertParses(s.Name, s.Sql));
    }

    [Fact]
    public void The_outbox_claim_skips_rows_another_node_holds_and_each_upsert_holds_its_key_range()
    {
        var statements = HandWritten().ToDictionary(s => s.Name, s => s.Sql);
        Assert.Equal(["outbox_messages:READPAST,ROWLOCK,UPDLOCK"], HintsOf(statements["OutboxDispatcher+SqlServer.ClaimBatch"]));
        foreach (var name in new[] { "StockReservations+SqlServer.ClaimFlashSale", "CouponUses+SqlServer.CountUse", "ProductViews+SqlServer.UpsertThreeRows",
                     "PaymentNotifications+SqlServer.InsertNotification", "OnceOnlyEmail+SqlServer.InsertIfAbsent" })
            Assert.Contains(HintsOf(statements[name]), h => h.Contains("HOLDLOCK"));
    }

    [Fact]
    public void A_syntax_error_is_caught()
    {
        Assert.NotEmpty(Parse("UPDATE outbox_messages SET WHERE id = 1"));
        Assert.NotEmpty(Parse("SELECT id FROM products LIMIT 10")); // PostgreSQL's paging is not T-SQL
    }

    /// <summary>The services run against a connection that never opens; every command they send is kept and parsed.</summary>
    [Fact]
    public async Task The_services_main_queries_are_valid_TSql()
    {
        var recorder = new Recorder();
        var contexts = new RecordingFactory(recorder);
        var catalog = new StorefrontCatalog(contexts);
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("category listing", () => catalog.ProductsAsync(new PageRequest(2, 24), categoryId: 3, sort: ProductSort.PriceLow)),
            ("top products", () => catalog.TopProductsAsync(ProductSort.Bestselling, 8)),
            ("product page", () => catalog.ProductAsync("oak-chair-12")),
            ("products by tag", () => catalog.ShopProductsAsync(1, ProductGridSource.Tag, null, "Summer", 8)),
            ("audit search", () => new AuditLog(contexts).SearchAsync(new AuditQuery(Text: "Refund", From: DateTime.UtcNow.AddDays(-7)), new PageRequest(3, 50))),
            ("order search", () => new AdminOrders(contexts).SearchAsync("ord-1", new PageRequest(1, 50))),
        };
        foreach (var (name, call) in calls)
        {
            var before = recorder.Commands.Count;
            // Empty results may end a call early (a missing product); what it sent until then is what is checked.
            try { await call(); } catch (Exception e) when (e is InvalidOperationException or NotFoundException) { }
            Assert.True(recorder.Commands.Count > before, $"{name} sent no SQL");
        }
        Assert.All(recorder.Commands, sql => AssertParses("a query", sql));
        Assert.Contains(recorder.Commands, sql => sql.Contains("OFFSET") && sql.Contains("FETCH NEXT")); // SQL Server paging
        Assert.Contains(recorder.Commands, sql => sql.Contains("OPENJSON([p].[tags])") || sql.Contains("OPENJSON(products.tags)"));
    }

    private static SqlServerAppDbContext Context(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlServer(options, NoServer).AddInterceptors(interceptors);
        return new SqlServerAppDbContext(options.Options);
    }

    /// <summary>Every string constant and parameterless static string property of the Core classes marked [SqlServerStatements].</summary>
    private static IEnumerable<(string Name, string Sql)> HandWritten()
    {
        foreach (var type in typeof(AppDbContext).Assembly.GetTypes().Where(t => t.GetCustomAttribute<SqlServerStatementsAttribute>() is not null))
        {
            var prefix = type.FullName![(type.Namespace!.Length + 1)..];
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
            foreach (var field in type.GetFields(flags).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                yield return ($"{prefix}.{field.Name}", WithParameters((string)field.GetRawConstantValue()!));
            foreach (var property in type.GetProperties(flags).Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0))
                yield return ($"{prefix}.{property.Name}", WithParameters((string)property.GetValue(null)!));
        }
    }

    /// <summary>EF's {0} placeholders become the @p0 parameters EF sends.</summary>
    private static string WithParameters(string sql) => Regex.Replace(sql, @"\{(\d+)\}", "@p$1");

    private static IList<ParseError> Parse(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static void AssertParses(string name, string sql)
    {
        var errors = Parse(sql);
        if (errors.Count > 0)
            Assert.Fail($"{name} is not valid T-SQL:\n" + string.Join("\n", errors.Take(5).Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")) + "\n\n" + sql);
    }

    /// <summary>Each table the statement names with hints, as "table:HINT,HINT" (hints sorted).</summary>
    private static List<string> HintsOf(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.Empty(errors);
        var visitor = new TableHints();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    private sealed class TableHints : TSqlFragmentVisitor
    {
        public List<string> Found { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            if (node.TableHints.Count > 0)
                Found.Add(node.SchemaObject.BaseIdentifier.Value + ":" + string.Join(",", node.TableHints.Select(h => h.HintKind.ToString().ToUpperInvariant()).Order()));
        }
    }

    private sealed class RecordingFactory(Recorder recorder) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => Context(recorder, NeverOpened.Instance);
    }

    /// <summary>The connection is never opened: the commands below are answered without it.</summary>
    private sealed class NeverOpened : DbConnectionInterceptor
    {
        public static readonly NeverOpened Instance = new();

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }

    /// <summary>Keeps each command's SQL and answers it with no rows (a count with zero), so the service goes on.</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            InterceptionResult<DbDataReader>.SuppressWithResult(Answer(command));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(Answer(command)));

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(0));
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        private DbDataReader Answer(DbCommand command)
        {
            Commands.Add(command.CommandText);
            var table = new DataTable();
            if (command.CommandText.TrimStart().StartsWith("SELECT COUNT(*)", StringComparison.Ordinal))
            {
                table.Columns.Add("count", typeof(int));
                table.Rows.Add(0);
            }
            return table.CreateDataReader();
        }
    }
}
