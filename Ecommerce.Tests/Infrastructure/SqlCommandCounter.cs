using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends while it is alive, by a filter that says which count a command belongs to
/// (or none): those sent to one test database (<see cref="For"/>; other tests' databases, in use at the same time,
/// are not counted), or those run for one HTTP request (<see cref="PerRequest"/>; the app's background services and
/// other tests' requests run commands at the same time). A way to prove what a path costs, down to nothing at all.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    /// <summary>The request header whose value names a request's count (<see cref="PerRequest"/>).</summary>
    public const string RequestHeader = "X-Statement-Count";

    /// <summary>
    /// How long EF Core may take to see a new listener: it stops asking whether anyone listens to command events for
    /// its logging cache time (one second by default) after a command nobody listened to, per context (and pooled
    /// contexts live on). Past that time every context asks again.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private readonly Func<CommandEventData, string?> _countOf;
    private readonly IDisposable _listeners;
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private SqlCommandCounter(Func<CommandEventData, string?> countOf)
    {
        _countOf = countOf;
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Commands sent to <paramref name="database"/>, counted from the moment this returns (<see cref="Count"/>).</summary>
    public static SqlCommandCounter For(TestDatabase database)
    {
        using var db = database.NewContext();
        db.Database.OpenConnection(); // an open connection names its database as the commands' connections do
        var identity = Identity(db.Database.GetDbConnection());
        var counter = new SqlCommandCounter(data => data.Command.Connection is { } connection && Identity(connection) == identity ? "" : null);
        // A probe command past EF's logging cache time shows the counter hears them, so that a zero means no command.
        Thread.Sleep(Settle);
        db.Database.ExecuteSqlRaw("SELECT 1");
        if (counter.Count == 0) throw new InvalidOperationException("EF Core's command events do not reach the counter");
        counter._counts.Clear();
        return counter;
    }

    /// <summary>
    /// Commands run for requests that carry <see cref="RequestHeader"/>, counted by its value (<see cref="Of"/>). Wait
    /// <see cref="Settle"/> after making it before the requests that count.
    /// </summary>
    public static SqlCommandCounter PerRequest(IHttpContextAccessor requests) =>
        new(_ => requests.HttpContext?.Request.Headers[RequestHeader].ToString() is { Length: > 0 } id ? id : null);

    /// <summary>The commands sent to the database of <see cref="For"/>.</summary>
    public int Count => Of("");

    /// <summary>The commands of the request whose <see cref="RequestHeader"/> was <paramref name="id"/>.</summary>
    public int Of(string id) => _counts.GetValueOrDefault(id);

    private static string Identity(DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Value is CommandEventData data && _countOf(data) is { } key) _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public void Dispose()
    {
        _listeners.Dispose();
        foreach (var s in _subscriptions) s.Dispose();
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
