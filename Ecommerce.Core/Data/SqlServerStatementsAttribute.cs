namespace Ecommerce.Core.Data;

/// <summary>
/// Marks a class whose string constants (and parameterless static string properties) are hand-written SQL Server
/// statements, with EF's <c>{0}</c> placeholders for parameters. No SQL Server engine runs in CI, so a test finds every
/// such class and parses each statement as T-SQL: a syntax error fails the build's tests rather than a customer's night.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SqlServerStatementsAttribute : Attribute;
