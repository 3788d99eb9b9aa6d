using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>
/// A fact of a test class that may need a database server: in a class marked <see cref="RequiresPostgresAttribute"/> it is
/// reported skipped, with the reason, when the server test.sh starts cannot be reached (not failed for want of it); in a
/// class marked <see cref="RequiresSqlServerAttribute"/>, when no SQL Server is configured. Elsewhere it is a plain fact.
/// </summary>
[XunitTestCaseDiscoverer("Ecommerce.Tests.Infrastructure.DatabaseFactDiscoverer", "Ecommerce.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>Marks a test class whose tests run on PostgreSQL (see <see cref="DatabaseFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>Marks a test class whose tests run on SQL Server (see <see cref="DatabaseFactAttribute"/>, <see cref="SqlServerTestDatabase"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresSqlServerAttribute : Attribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnostics);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var skip = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any() ? PostgresServer.Unreachable
            : testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresSqlServerAttribute)).Any() ? SqlServerTestDatabase.NotConfigured
            : null;
        if (skip is { } why)
            return [new XunitSkippedDataRowTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, why)];
        return _facts.Discover(options, testMethod, factAttribute);
    }
}

/// <summary>Whether the tests' PostgreSQL server answers (asked once per test run).</summary>
public static class PostgresServer
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString) { Timeout = 5, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return $"PostgreSQL not reachable ({e.Message}); test.sh starts it";
        }
    });

    /// <summary>Why PostgreSQL cannot be used, or null when it can.</summary>
    public static string? Unreachable => Probe.Value;
}

/// <summary>
/// A class fixture that creates its database on first use only, so a class whose tests are all skipped (no
/// PostgreSQL) does not fail in its fixture.
/// </summary>
public sealed class LazyDatabase<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TDatabase? _database;

    public async Task<TDatabase> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_database is null)
            {
                var database = new TDatabase();
                await database.InitializeAsync();
                _database = database;
            }
            return _database;
        }
        finally { _gate.Release(); }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
