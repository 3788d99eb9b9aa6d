using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ecommerce.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends to one test database while it is alive (other tests' databases, running at
/// the same time, are not counted): a way to prove that a path does not touch the database at all.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _listeners;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    private SqlCommandCounter(string database)
    {
        _database = database;
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public static SqlCommandCounter For(TestDatabase database)
    {
        using var db = database.NewContext();
        db.Database.OpenConnection(); // an open connection names its database as the commands' connections do
        var counter = new SqlCommandCounter(Identity(db.Database.GetDbConnection()));
        // EF Core stops asking whether anyone listens to command events for its logging cache time (one second by
        // default) after a command nobody listened to, per context (and pooled contexts live on). Past that time every
        // context asks again; a probe command then shows the counter hears them, so that a zero means no command.
        Thread.Sleep(TimeSpan.FromSeconds(1.5));
        db.Database.ExecuteSqlRaw("SELECT 1");
        if (counter.Count == 0) throw new InvalidOperationException("EF Core's command events do not reach the counter");
        Interlocked.Exchange(ref counter._count, 0);
        return counter;
    }

    public int Count => Volatile.Read(ref _count);

    private static string Identity(DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Value is CommandEventData data && data.Command.Connection is { } connection && Identity(connection) == _database)
            Interlocked.Increment(ref _count);
    }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
