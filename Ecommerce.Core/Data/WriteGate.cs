namespace Ecommerce.Core.Data;

/// <summary>
/// SQLite has one writer at a time per file. Under a rush (2,000 checkouts at once) writers spinning on the file
/// lock waste the CPU and starve each other; queuing them in the process is fair and fast. On PostgreSQL, row
/// locks do this job and the gate lets everyone through.
/// </summary>
public sealed class WriteGate(DatabaseSettings settings)
{
    private readonly SemaphoreSlim? _sqlite = settings.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (_sqlite is null) return Released.Instance;
        await _sqlite.WaitAsync(cancellationToken);
        return new Releaser(_sqlite);
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) semaphore.Release(); }
    }

    private sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();
        public void Dispose() { }
    }
}
