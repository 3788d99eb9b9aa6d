using System.Collections.Concurrent;
using System.Globalization;
using Ecommerce.Core.Data;
using Microsoft.Data.Sqlite;

namespace Ecommerce.Core.Search;

/// <summary>
/// The embedded product index: a SQLite FTS5 file in this node's data folder (the role Lucene plays elsewhere).
/// It holds one row per visible product plus its facet values, a vocabulary for "did you mean", and the outbox
/// checkpoint up to which it is current, so each node catches up on its own and it can always be rebuilt.
/// Filters, facets and sorting read per-document values kept in memory (<see cref="SearchDocValues"/>), loaded
/// from the file when the index opens and kept current by every write. Writes are serialised in-process; reads
/// run in parallel (WAL) on reused connections. A rebuild writes a new file and swaps it in, so searches keep
/// answering from the old index until the new one is complete.
/// </summary>
public sealed partial class ProductSearchIndex : IDisposable
{
    /// <summary>Bumped when the file's layout changes: an older file is discarded and rebuilt from the database.</summary>
    private const int SchemaVersion = 2;
    internal static readonly string SchemaVersionText = SchemaVersion.ToString(CultureInfo.InvariantCulture);

    private readonly string _connectionString;
    private readonly string _buildPath;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Searches hold it for reading (the in-memory values and the file stay put); applying a batch to the in-memory
    // values and swapping in a rebuilt file hold it for writing, briefly.
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private readonly ConcurrentBag<Reader> _readers = [];
    private int _generation;
    private SearchDocValues _values;
    private DocumentWriter? _writer;
    private bool _disposed;

    public string FilePath { get; }

    public ProductSearchIndex(DatabaseSettings settings) : this(Path.Combine(settings.DataFolder, "search", "products.db")) { }

    public ProductSearchIndex(string filePath)
    {
        FilePath = filePath;
        _buildPath = filePath + ".building";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        // Connections are kept open by this class (one writer, a pool of readers), so the provider's pool is not used.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false, DefaultTimeout = 30 }.ToString();
        SearchIndexBuild.DeleteFiles(_buildPath); // a rebuild this process did not finish

        var connection = OpenConnection(_connectionString);
        if (SchemaOf(connection) != SchemaVersion)
        {
            // An index of an older layout (or none): start empty; the indexer sees no checkpoint and rebuilds it.
            connection.Dispose();
            DeleteFile(filePath);
            connection = OpenConnection(_connectionString);
            Execute(connection, "PRAGMA journal_mode=WAL;" + Schema);
            Execute(connection, $"INSERT INTO meta VALUES ('schema', '{SchemaVersionText}')");
        }
        using (connection) _values = LoadValues(connection);
    }

    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS docs(
            product_id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL, brand TEXT,
            shop_id INTEGER NOT NULL, shop_name TEXT NOT NULL, shop_slug TEXT NOT NULL,
            category_id INTEGER NOT NULL, category_name TEXT NOT NULL, category_slug TEXT NOT NULL, parent_category_slug TEXT,
            price REAL NOT NULL, compare_at REAL, currency TEXT NOT NULL, in_stock INTEGER NOT NULL, sales INTEGER NOT NULL,
            created_at INTEGER NOT NULL, image_url TEXT, image_alt TEXT NOT NULL, facets TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS words(word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
            name, brand, category, attributes, description,
            content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5(
            name, content='', contentless_delete=1, prefix='2 3 4', tokenize='porter unicode61 remove_diacritics 2');
        """;

    /// <summary>Opens a connection with this index's settings: 1 GiB of memory-mapped reads, 16 MiB of page cache.</summary>
    internal static SqliteConnection OpenConnection(string connectionString, string pragmas = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384;")
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, pragmas);
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int SchemaOf(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema'";
        try
        {
            return command.ExecuteScalar() is string s && int.TryParse(s, CultureInfo.InvariantCulture, out var version) ? version : 0;
        }
        catch (SqliteException)
        {
            return 0; // no meta table
        }
    }

    private static void DeleteFile(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(file)) File.Delete(file);
    }

    /// <summary>Reads the per-document values of a whole index file into memory.</summary>
    internal static SearchDocValues LoadValues(SqliteConnection connection)
    {
        var values = new SearchDocValues();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT product_id, category_slug, category_name, parent_category_slug, brand, shop_id, shop_slug, shop_name,
                   price, compare_at, in_stock, sales, created_at, facets
              FROM docs
            """;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                values.Set(reader.GetInt32(0),
                    new SearchDocValues.CategoryValue(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    new SearchDocValues.ShopValue(reader.GetInt32(5), reader.GetString(6), reader.GetString(7)),
                    reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.GetInt64(10) == 1, reader.GetInt32(11),
                    reader.GetInt64(12), FacetText.Decode(reader.GetString(13)));
            }
        }
        DocumentWriter.ReadLengths(connection, values.SetLength, null);
        return values;
    }

    // ---- connections -----------------------------------------------------------------------------------------

    /// <summary>A reader connection with its prepared statements and the ranking function registered.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = [];
        public readonly SqliteConnection Connection;
        public readonly int Generation;
        public readonly bool RankFunction;
        public readonly RankCollector Collector = new();

        public Reader(string connectionString, int generation)
        {
            Connection = OpenConnection(connectionString);
            Generation = generation;
            RankFunction = Fts5Ranking.TryRegister(Connection);
        }

        /// <summary>A prepared command for this SQL, kept for the connection's lifetime; its parameters are created once.</summary>
        public SqliteCommand Command(string sql, params string[] parameters)
        {
            if (_commands.TryGetValue(sql, out var command)) return command;
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            _commands.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            Connection.Dispose();
        }
    }

    /// <summary>Runs a read with the in-memory values and a reader connection of the current file.</summary>
    private T Read<T>(Func<Reader, SearchDocValues, T> read)
    {
        _gate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Reader? reader = null;
            while (_readers.TryTake(out var pooled))
            {
                if (pooled.Generation == _generation) { reader = pooled; break; }
                pooled.Dispose();
            }
            reader ??= new Reader(_connectionString, _generation);
            var ok = false;
            try
            {
                var result = read(reader, _values);
                ok = true;
                return result;
            }
            finally
            {
                // A reader whose statement failed may be mid-transaction: it is not reused.
                if (ok && _readers.Count < 2 * Environment.ProcessorCount + 2) _readers.Add(reader);
                else reader.Dispose();
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /// <summary>Applies a batch in one transaction: upserts, removals and the new checkpoint together.</summary>
    public async Task ApplyAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<int> removals, long? checkpoint, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = Writer();
            var ids = upserts.Select(d => d.ProductId).Concat(removals).Distinct().ToList();
            var lengths = new Dictionary<int, int>();
            using (var transaction = writer.Connection.BeginTransaction())
            {
                writer.Transaction = transaction;
                try
                {
                    writer.Delete(ids);
                    foreach (var document in upserts) writer.Insert(document);
                    writer.WriteVocabulary();
                    if (checkpoint is { } c) writer.SetMeta("checkpoint", c.ToString(CultureInfo.InvariantCulture));
                    writer.SetMeta("updated_at", DateTime.UtcNow.ToString("O"));
                    if (upserts.Count > 0) DocumentWriter.ReadLengths(writer.Connection, (id, tokens) => lengths[id] = tokens, upserts.Select(d => d.ProductId).ToList());
                    transaction.Commit();
                }
                catch
                {
                    writer.ClearVocabulary();
                    throw;
                }
                finally
                {
                    writer.Transaction = null;
                }
            }

            _gate.EnterWriteLock();
            try
            {
                foreach (var id in ids) _values.Remove(id);
                foreach (var document in upserts)
                {
                    _values.Set(document);
                    _values.SetLength(document.ProductId, lengths.GetValueOrDefault(document.ProductId));
                }
            }
            finally
            {
                _gate.ExitWriteLock();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The live index's writer, opened on first use (and again after a rebuild swapped the file).</summary>
    private DocumentWriter Writer()
    {
        if (_writer is not null) return _writer;
        var connection = OpenConnection(_connectionString);
        try
        {
            UseLiveMergeSettings(connection); // also for a file written before these settings existed
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return _writer = new DocumentWriter(connection);
    }

    // ---- merging -------------------------------------------------------------------------------------------

    /// <summary>
    /// FTS5 keeps each table as segments on levels and, left to itself, merges them inside the write that tips a
    /// level over its limit. After a rebuild the whole index is one big segment, so about the fifteenth write after
    /// it rewrote the entire index in its own transaction (1.5 s at 100,000 products, about ten times that at
    /// 1,000,000), and every write queued behind it. The live index therefore never merges inside a write
    /// (automerge 0): <see cref="MergeAsync"/> merges between writes, in slices. A level is merged once it holds
    /// 16 segments (usermerge; FTS5's maximum), so the big segment is rewritten as rarely as FTS5 allows. While one
    /// merge of a level is under way, new segments wait beside it; FTS5's crisis merge, which would finish that merge
    /// inside a write, only comes at 128 of them. A rebuild's segment is merged with the first writes only when the
    /// catalogue fitted in one write-out of its term buffer (up to some 150,000 products: about a second of merging,
    /// some fifty batches at 20 ms a slice); a larger one lands a level up, where it meets other segments only after
    /// hundreds of batches, and a sixteenth as many new segments reach its level while it is merged.
    /// </summary>
    internal static void UseLiveMergeSettings(SqliteConnection connection)
    {
        foreach (var table in FullTextTables)
            Execute(connection, $"""
                INSERT INTO {table}({table}, rank) VALUES ('hashsize', 1048576);
                INSERT INTO {table}({table}, rank) VALUES ('automerge', 0);
                INSERT INTO {table}({table}, rank) VALUES ('usermerge', 16);
                INSERT INTO {table}({table}, rank) VALUES ('crisismerge', 128);
                """);
    }

    internal static readonly string[] FullTextTables = ["docs_fts", "names_fts"];

    /// <summary>
    /// Merges the full-text tables' segments for about <paramref name="budget"/>, in rounds of one step of about a
    /// hundred pages per table (a few milliseconds each at 100,000 products; the budget is checked after each round),
    /// holding the writer meanwhile: a write waits at most for the rest of a slice. Returns false once neither table
    /// has anything left to merge. Searches are not held up (they read the last commit).
    /// </summary>
    public async Task<bool> MergeAsync(TimeSpan budget, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = Writer();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                // A step of each table per round: a round in which neither had anything to merge ends it.
                var merged = false;
                foreach (var table in FullTextTables) merged |= writer.MergeStep(table);
                if (!merged) return false;
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= budget) return true;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Starts writing a complete new index beside the live one; <see cref="CompleteRebuildAsync"/> swaps it in.</summary>
    internal SearchIndexBuild BeginRebuild() => new(_buildPath);

    /// <summary>Finishes a rebuild and makes it the live index, atomically: searches see the old index or the new one.</summary>
    internal async Task CompleteRebuildAsync(SearchIndexBuild build, long checkpoint, CancellationToken cancellationToken = default)
    {
        var values = build.Finish(checkpoint);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _gate.EnterWriteLock();
            try
            {
                // No search is running (they hold the gate): close every connection to the old file, then rename the new
                // one over it. The old file's WAL was checkpointed and removed when its last connection closed; any
                // leftover must not be read as the new file's.
                _writer?.Dispose();
                _writer = null;
                _generation++;
                while (_readers.TryTake(out var reader)) reader.Dispose();
                foreach (var sidecar in new[] { FilePath + "-wal", FilePath + "-shm" })
                    if (File.Exists(sidecar)) File.Delete(sidecar);
                File.Move(build.FilePath, FilePath, overwrite: true);
                _values = values;
            }
            finally
            {
                _gate.ExitWriteLock();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // ---- status --------------------------------------------------------------------------------------------

    /// <summary>The outbox id up to which this index is current; null when it was never built.</summary>
    public long? Checkpoint() => Read((reader, _) =>
    {
        var command = reader.Command("SELECT value FROM meta WHERE key = 'checkpoint'");
        return command.ExecuteScalar() is string s ? long.Parse(s, CultureInfo.InvariantCulture) : (long?)null;
    });

    public SearchIndexStatus Status() => Read((reader, values) =>
    {
        var command = reader.Command("SELECT (SELECT value FROM meta WHERE key = 'checkpoint'), (SELECT value FROM meta WHERE key = 'updated_at')");
        using var row = command.ExecuteReader();
        row.Read();
        return new SearchIndexStatus(values.Count,
            row.IsDBNull(0) ? 0 : long.Parse(row.GetString(0), CultureInfo.InvariantCulture),
            row.IsDBNull(1) ? null : DateTime.Parse(row.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    });

    public void Dispose()
    {
        _writeLock.Wait();
        _gate.EnterWriteLock();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            while (_readers.TryTake(out var reader)) reader.Dispose();
        }
        finally
        {
            _gate.ExitWriteLock();
            _writeLock.Release();
        }
    }
}
