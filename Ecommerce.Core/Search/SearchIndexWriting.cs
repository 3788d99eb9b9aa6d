using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ecommerce.Core.Search;

/// <summary>
/// Writes documents into an index file with prepared statements that are reused for every document: the live
/// index's writer (kept open between batches) and a rebuild's writer both use it.
/// </summary>
internal sealed class DocumentWriter : IDisposable
{
    private readonly BoundStatement _doc, _fts, _names;
    private readonly SqliteCommand _word, _meta;
    private readonly SqliteParameter[] _wordParameters, _metaParameters;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public SqliteConnection Connection { get; }

    public DocumentWriter(SqliteConnection connection)
    {
        Connection = connection;
        _doc = new BoundStatement(connection, "INSERT INTO docs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)");
        _fts = new BoundStatement(connection, "INSERT INTO docs_fts(rowid, name, brand, category, attributes, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _names = new BoundStatement(connection, "INSERT INTO names_fts(rowid, name) VALUES (?1, ?2)");
        (_word, _wordParameters) = Prepare("INSERT INTO words VALUES ($word, $n) ON CONFLICT(word) DO UPDATE SET freq = freq + excluded.freq", "$word", "$n");
        (_meta, _metaParameters) = Prepare("INSERT INTO meta VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "$k", "$v");
    }

    private (SqliteCommand, SqliteParameter[]) Prepare(string sql, params string[] names)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        var parameters = names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        return (command, parameters);
    }

    public SqliteTransaction? Transaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            // The bound statements run in whatever transaction the connection has open.
            foreach (var command in new[] { _word, _meta }) command.Transaction = value;
        }
    }

    public void Insert(SearchDocument d)
    {
        Insert(d, FacetText.Encode(d.Facets));
        CountWords(d);
    }

    /// <summary>
    /// The "did you mean" words of a document: those of its name, brand, category and attributes (words of three
    /// letters or more, not numbers). A word already counted costs a lookup and no allocation.
    /// </summary>
    public static void CountWords(SearchDocument d, Dictionary<string, int> vocabulary)
    {
        var words = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[QueryText.MaxTermLength];
        Count(d.Name, words, buffer);
        Count(d.Brand, words, buffer);
        Count(d.CategoryName, words, buffer);
        Count(d.AttributeText, words, buffer);

        static void Count(string? text, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> words, Span<char> buffer)
        {
            foreach (var word in QueryText.EnumerateTerms(text, buffer))
                if (word.Length >= 3 && !IsNumber(word))
                    CollectionsMarshal.GetValueRefOrAddDefault(words, word, out _)++;
        }
    }

    /// <summary>All digits, in any script (as "did you mean" sees numbers).</summary>
    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!char.IsDigit(c)) return false;
        return true;
    }

    /// <summary>Counts a document's words for the next <see cref="WriteVocabulary"/> without writing the document.</summary>
    public void CountWords(SearchDocument d) => CountWords(d, _vocabulary);

    /// <summary>Inserts a document whose facet text was encoded beforehand; its words are not counted.</summary>
    public void Insert(SearchDocument d, string facetText)
    {
        InsertRow(d, facetText);
        InsertText(d);
    }

    /// <summary>The document's stored row (what a result card and the in-memory values are read from).</summary>
    public void InsertRow(SearchDocument d, string facetText)
    {
        _doc.Bind(1, d.ProductId).Bind(2, d.Name).Bind(3, d.Slug).Bind(4, d.Brand).Bind(5, d.ShopId).Bind(6, d.ShopName).Bind(7, d.ShopSlug)
            .Bind(8, d.CategoryId).Bind(9, d.CategoryName).Bind(10, d.CategorySlug).Bind(11, d.ParentCategorySlug).Bind(12, (double)d.Price)
            .Bind(13, d.CompareAtPrice is { } c ? (double)c : null).Bind(14, d.Currency).Bind(15, d.InStock ? 1 : 0).Bind(16, d.Sales)
            .Bind(17, d.CreatedAt.Ticks).Bind(18, d.ImageUrl).Bind(19, d.ImageAlt).Bind(20, facetText).Run();
    }

    /// <summary>The document's full-text rows: the searched columns and the name for suggestions.</summary>
    public void InsertText(SearchDocument d)
    {
        _fts.Bind(1, d.ProductId).Bind(2, d.Name).Bind(3, d.Brand ?? "").Bind(4, d.CategoryName).Bind(5, d.AttributeText).Bind(6, d.Description).Run();
        _names.Bind(1, d.ProductId).Bind(2, d.Name).Run();
    }

    public void Delete(IReadOnlyCollection<int> ids)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            // Integers only: nothing from outside reaches this SQL.
            var list = string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            ProductSearchIndex.Execute(Connection, $"DELETE FROM docs WHERE product_id IN ({list}); DELETE FROM docs_fts WHERE rowid IN ({list}); DELETE FROM names_fts WHERE rowid IN ({list});", _transaction);
        }
    }

    /// <summary>Adds the words of the documents inserted since the last call to the "did you mean" vocabulary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop run once per batch: not left to tiered compilation
    public void WriteVocabulary()
    {
        foreach (var (word, count) in _vocabulary.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            _wordParameters[0].Value = word;
            _wordParameters[1].Value = count;
            _word.ExecuteNonQuery();
        }
        _vocabulary.Clear();
    }

    public void ClearVocabulary() => _vocabulary.Clear();

    private const int MergePages = 100;

    /// <summary>One step of FTS5's merging of this table's segments (about <see cref="MergePages"/> pages written); false when it had nothing to merge.</summary>
    public bool MergeStep(string table)
    {
        // FTS5's documented test: a 'merge' that did any work changes at least two rows.
        var before = SQLitePCL.raw.sqlite3_total_changes(Connection.Handle);
        ProductSearchIndex.Execute(Connection, $"INSERT INTO {table}({table}, rank) VALUES ('merge', {MergePages})");
        return SQLitePCL.raw.sqlite3_total_changes(Connection.Handle) - before >= 2;
    }

    public void SetMeta(string key, string value)
    {
        _metaParameters[0].Value = key;
        _metaParameters[1].Value = value;
        _meta.ExecuteNonQuery();
    }

    /// <summary>
    /// Reads the token counts FTS5 stored for these rows (all of them when null) from its docsize table: per column,
    /// varints, summed here; the ranking function needs the total. The blobs are read in place through SQLite's own
    /// API (the provider's GetBytes opens a stream per row: a tenth of a rebuild at 100,000 products).
    /// </summary>
    public static void ReadLengths(SqliteConnection connection, Action<int, int> set, IReadOnlyList<int>? ids)
    {
        foreach (var chunk in ids is null ? [null] : ids.Chunk(500).Select(c => (int[]?)c))
        {
            using var statement = new BoundStatement(connection, chunk is null
                ? "SELECT id, sz FROM docs_fts_docsize"
                : $"SELECT id, sz FROM docs_fts_docsize WHERE id IN ({string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))})");
            while (statement.Step())
                if (statement.Blob(1) is { IsEmpty: false } sizes) set(statement.Int(0), SearchDocValues.TotalTokens(sizes));
        }
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _doc, _fts, _names }) statement.Dispose();
        foreach (var command in new[] { _word, _meta }) command.Dispose();
        Connection.Dispose();
    }
}

/// <summary>
/// A statement prepared once and bound by position through SQLite's own API, for the writes done once per document:
/// Microsoft.Data.Sqlite looks each parameter up by name and re-validates the command on every execution, which
/// was a good part of writing a document.
/// </summary>
internal sealed class BoundStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SQLitePCL.sqlite3_stmt _statement;

    public BoundStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Check(SQLitePCL.raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
    }

    public BoundStatement Bind(int index, long value) { Check(SQLitePCL.raw.sqlite3_bind_int64(_statement, index, value)); return this; }

    public BoundStatement Bind(int index, double? value)
    {
        Check(value is { } v ? SQLitePCL.raw.sqlite3_bind_double(_statement, index, v) : SQLitePCL.raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>
    /// Text is bound as UTF-16 and SQLite converts it itself, which saves encoding (and allocating) every string's
    /// UTF-8 copy in .NET first. The empty string goes the UTF-8 way: an empty span would be bound as NULL.
    /// </summary>
    public BoundStatement Bind(int index, string? value)
    {
        Check(value is null ? SQLitePCL.raw.sqlite3_bind_null(_statement, index)
            : value.Length == 0 ? SQLitePCL.raw.sqlite3_bind_text(_statement, index, "")
            : SQLitePCL.raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
        return this;
    }

    public void Run()
    {
        var result = SQLitePCL.raw.sqlite3_step(_statement);
        SQLitePCL.raw.sqlite3_reset(_statement);
        if (result != SQLitePCL.raw.SQLITE_DONE) Check(result);
    }

    /// <summary>The next row of a query (read it with <see cref="Int"/> and <see cref="Blob"/>); false after the last.</summary>
    public bool Step()
    {
        var result = SQLitePCL.raw.sqlite3_step(_statement);
        if (result == SQLitePCL.raw.SQLITE_ROW) return true;
        SQLitePCL.raw.sqlite3_reset(_statement);
        if (result != SQLitePCL.raw.SQLITE_DONE) Check(result);
        return false;
    }

    public int Int(int column) => SQLitePCL.raw.sqlite3_column_int(_statement, column);

    /// <summary>The column's bytes in SQLite's memory, valid until the next step.</summary>
    public ReadOnlySpan<byte> Blob(int column) => SQLitePCL.raw.sqlite3_column_blob(_statement, column);

    private void Check(int result)
    {
        if (result is not (SQLitePCL.raw.SQLITE_OK or SQLitePCL.raw.SQLITE_DONE or SQLitePCL.raw.SQLITE_ROW))
            throw new SqliteException(SQLitePCL.raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), result);
    }

    public void Dispose() => _statement.Dispose();
}

/// <summary>
/// A complete new index written beside the live one (the rebuild), split over two files so that the two cores both
/// write: the full-text tables (the tokenizer is most of a rebuild's cost) go into the new index file on the writing
/// thread, while the stored rows and the "did you mean" vocabulary go into a side file on the preparing thread, which
/// is copied in at the end (SQLite copies the pages' records as they are). Both files are written in one transaction
/// each with no journal and no syncing: they are new files that only become the index when complete (renamed over the
/// live one), so a crash or failure mid-build just leaves files that are deleted. FTS5's merging of segments is deferred to one
/// merge at the end.
/// </summary>
internal sealed class SearchIndexBuild : IDisposable
{
    private const string NewFilePragmas = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;";
    private readonly DocumentWriter _text, _rows;
    private SqliteTransaction? _textTransaction, _rowsTransaction;
    private bool _rowsFinished, _finished;

    public string FilePath { get; }
    private string RowsPath => RowsPathOf(FilePath);
    public SearchDocValues Values { get; } = new();
    public int Count { get; private set; }

    public SearchIndexBuild(string filePath)
    {
        FilePath = filePath;
        Delete();
        try
        {
            _text = new DocumentWriter(Open(FilePath));
            // Larger in-memory term buffers, flushed less often, and no merging until the end ('optimize').
            foreach (var table in ProductSearchIndex.FullTextTables)
            {
                ProductSearchIndex.Execute(_text.Connection, $"INSERT INTO {table}({table}, rank) VALUES ('hashsize', {BuildHashSize})");
                ProductSearchIndex.Execute(_text.Connection, $"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)");
            }
            _rows = new DocumentWriter(Open(RowsPath));
            _textTransaction = _text.Connection.BeginTransaction();
            _text.Transaction = _textTransaction;
            _rowsTransaction = _rows.Connection.BeginTransaction();
            _rows.Transaction = _rowsTransaction;
            _text.SetMeta("schema", ProductSearchIndex.SchemaVersionText);
        }
        catch
        {
            _text?.Dispose();
            _rows?.Dispose();
            Delete();
            throw;
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        var connection = ProductSearchIndex.OpenConnection(connectionString, NewFilePragmas);
        try
        {
            ProductSearchIndex.Execute(connection, ProductSearchIndex.Schema);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The most a rebuild keeps of FTS5's terms in memory before writing them out as a segment. Not more: a 1 GiB
    /// buffer made a million products one segment and saved the final merge (10 s of a 65–75 s build), but that one
    /// segment then sits on FTS5's lowest level, where the live index's first merge must rewrite all of it while new
    /// writes pile up beside it (README, "Benchmarks"); merged from several segments it lands a level higher.
    /// </summary>
    internal const int BuildHashSize = 64 * 1024 * 1024;

    /// <summary>
    /// Encodes facets, counts words, records the in-memory values and writes the stored rows (into the side file).
    /// Called in batch order, one at a time, beside <see cref="Add"/>; then <see cref="FinishRows"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop run once per batch: not left to tiered compilation
    public void Prepare(IReadOnlyList<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            _rows.InsertRow(document, FacetText.Encode(document.Facets));
            _rows.CountWords(document);
            Values.Set(document);
        }
    }

    /// <summary>
    /// Writes the "did you mean" vocabulary into the side file and commits it, on the preparing thread while the
    /// last batches' full text is still being written: less left for the end, where one core does everything.
    /// </summary>
    public void FinishRows()
    {
        if (_rowsFinished) return;
        _rows.WriteVocabulary();
        _rowsTransaction!.Commit();
        _rowsTransaction.Dispose();
        _rowsTransaction = null;
        _rows.Transaction = null;
        _rows.Dispose();
        _rowsFinished = true;
    }

    /// <summary>Writes a prepared batch's full text (one writer at a time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop run once per batch: not left to tiered compilation
    public void Add(IReadOnlyList<SearchDocument> documents)
    {
        foreach (var document in documents) _text.InsertText(document);
        Count += documents.Count;
    }

    /// <summary>Copies the rows and the vocabulary in, writes the checkpoint, merges the full-text segments, and closes the file.</summary>
    public SearchDocValues Finish(long checkpoint)
    {
        FinishRows();
        _text.SetMeta("checkpoint", checkpoint.ToString(CultureInfo.InvariantCulture));
        _text.SetMeta("updated_at", DateTime.UtcNow.ToString("O"));
        _textTransaction!.Commit();
        _textTransaction.Dispose();
        _textTransaction = null;
        _text.Transaction = null;
        var connection = _text.Connection;
        // Outside a transaction: SQLite attaches no database within one.
        ProductSearchIndex.Execute(connection, $"ATTACH DATABASE {Quoted(RowsPath)} AS build_rows");
        ProductSearchIndex.Execute(connection, "INSERT INTO docs SELECT * FROM build_rows.docs; INSERT INTO words SELECT * FROM build_rows.words;");
        ProductSearchIndex.Execute(connection, "DETACH DATABASE build_rows");
        DeleteFile(RowsPath);
        foreach (var table in ProductSearchIndex.FullTextTables)
            ProductSearchIndex.Execute(connection, $"INSERT INTO {table}({table}) VALUES ('optimize')");
        ProductSearchIndex.UseLiveMergeSettings(connection);
        DocumentWriter.ReadLengths(connection, Values.SetLength, null);
        ProductSearchIndex.Execute(connection, "PRAGMA journal_mode=WAL");
        _text.Dispose();
        _finished = true;
        return Values;
    }

    private static string Quoted(string text) => "'" + text.Replace("'", "''") + "'";

    private static string RowsPathOf(string filePath) => filePath + "-rows";

    /// <summary>Deletes a build's files (the new index and its side file), finished or not.</summary>
    internal static void DeleteFiles(string filePath)
    {
        DeleteFile(filePath);
        DeleteFile(RowsPathOf(filePath));
    }

    private static void DeleteFile(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(file)) File.Delete(file);
    }

    private void Delete() => DeleteFiles(FilePath);

    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _textTransaction?.Dispose();
        _text.Dispose();
        if (!_rowsFinished)
        {
            _rowsTransaction?.Dispose();
            _rows.Dispose();
        }
        Delete();
    }
}

/// <summary>A document's facet values as one text column: key and value separated by U+001F, pairs by U+001E.</summary>
internal static class FacetText
{
    private const char KeySeparator = '\u001F', PairSeparator = '\u001E';

    /// <summary>Separators inside a key or value become spaces. Written straight into the one string it returns.</summary>
    public static string Encode(IReadOnlyList<KeyValuePair<string, string>> facets)
    {
        if (facets.Count == 0) return "";
        var length = facets.Count - 1; // the pair separators
        foreach (var (key, value) in facets) length += key.Length + 1 + value.Length;
        return string.Create(length, facets, static (text, facets) =>
        {
            var at = 0;
            foreach (var (key, value) in facets)
            {
                if (at > 0) text[at++] = PairSeparator;
                at = Append(text, at, key);
                text[at++] = KeySeparator;
                at = Append(text, at, value);
            }
        });

        static int Append(Span<char> text, int at, string part)
        {
            var target = text.Slice(at, part.Length);
            part.CopyTo(target);
            target.Replace(KeySeparator, ' ');
            target.Replace(PairSeparator, ' ');
            return at + part.Length;
        }
    }

    public static IEnumerable<KeyValuePair<string, string>> Decode(string text)
    {
        if (text.Length == 0) yield break;
        foreach (var pair in text.Split(PairSeparator))
        {
            var at = pair.IndexOf(KeySeparator);
            if (at > 0) yield return new(pair[..at], pair[(at + 1)..]);
        }
    }
}
