using System.Globalization;
using System.Text;
using Ecommerce.Core.Data;
using Microsoft.Data.Sqlite;

namespace Ecommerce.Core.Search;

/// <summary>
/// The embedded product index: a SQLite FTS5 file in this node's data folder (the role Lucene plays elsewhere).
/// It holds one row per visible product plus its facet values, a vocabulary for "did you mean", and the outbox
/// checkpoint up to which it is current, so each node catches up on its own and it can always be rebuilt.
/// Writes are serialised in-process; reads run in parallel (WAL).
/// </summary>
public sealed partial class ProductSearchIndex : IDisposable
{
    // Field weights for bm25: name above brand and category above attributes above description.
    private const string Bm25 = "bm25(docs_fts, 10.0, 5.0, 5.0, 2.0, 1.0)";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public string FilePath { get; }

    public ProductSearchIndex(DatabaseSettings settings) : this(Path.Combine(settings.DataFolder, "search", "products.db")) { }

    public ProductSearchIndex(string filePath)
    {
        FilePath = filePath;
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, Schema);
    }

    private const string Schema = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS docs(
            product_id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL, brand TEXT,
            shop_id INTEGER NOT NULL, shop_name TEXT NOT NULL, shop_slug TEXT NOT NULL,
            category_id INTEGER NOT NULL, category_name TEXT NOT NULL, category_slug TEXT NOT NULL, parent_category_slug TEXT,
            price REAL NOT NULL, compare_at REAL, currency TEXT NOT NULL, in_stock INTEGER NOT NULL, sales INTEGER NOT NULL,
            created_at TEXT NOT NULL, image_url TEXT, image_alt TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_docs_category ON docs(category_slug);
        CREATE INDEX IF NOT EXISTS ix_docs_parent ON docs(parent_category_slug);
        CREATE INDEX IF NOT EXISTS ix_docs_sales ON docs(sales DESC);
        CREATE INDEX IF NOT EXISTS ix_docs_price ON docs(price);
        CREATE INDEX IF NOT EXISTS ix_docs_created ON docs(created_at DESC);
        CREATE TABLE IF NOT EXISTS facets(product_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY(product_id, key, value)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_facets_key_value ON facets(key, value, product_id);
        CREATE TABLE IF NOT EXISTS words(word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
            name, brand, category, attributes, description,
            content='', contentless_delete=1, prefix='2 3 4', tokenize='porter unicode61 remove_diacritics 2');
        """;

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /// <summary>Applies a batch in one transaction: upserts, removals and the new checkpoint together.</summary>
    public async Task ApplyAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<int> removals, long? checkpoint, bool clearFirst = false, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            if (clearFirst)
            {
                Execute(connection, "DELETE FROM docs; DELETE FROM facets; DELETE FROM words; DELETE FROM docs_fts;", transaction);
            }
            var ids = upserts.Select(d => d.ProductId).Concat(removals).Distinct().ToList();
            if (!clearFirst && ids.Count > 0) Remove(connection, transaction, ids);
            if (upserts.Count > 0) Insert(connection, transaction, upserts);
            if (checkpoint is { } c) SetMeta(connection, transaction, "checkpoint", c.ToString(CultureInfo.InvariantCulture));
            SetMeta(connection, transaction, "updated_at", DateTime.UtcNow.ToString("O"));
            transaction.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Remove(SqliteConnection connection, SqliteTransaction transaction, List<int> ids)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            var list = string.Join(",", chunk);
            Execute(connection, $"DELETE FROM docs WHERE product_id IN ({list}); DELETE FROM facets WHERE product_id IN ({list}); DELETE FROM docs_fts WHERE rowid IN ({list});", transaction);
        }
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<SearchDocument> documents)
    {
        using var doc = connection.CreateCommand();
        doc.Transaction = transaction;
        doc.CommandText = """
            INSERT INTO docs VALUES ($id, $name, $slug, $brand, $shop_id, $shop_name, $shop_slug, $category_id, $category_name,
                $category_slug, $parent, $price, $compare_at, $currency, $in_stock, $sales, $created_at, $image_url, $image_alt)
            """;
        var docParameters = new[] { "$id", "$name", "$slug", "$brand", "$shop_id", "$shop_name", "$shop_slug", "$category_id", "$category_name",
            "$category_slug", "$parent", "$price", "$compare_at", "$currency", "$in_stock", "$sales", "$created_at", "$image_url", "$image_alt" }
            .Select(n => doc.Parameters.Add(n, SqliteType.Text)).ToArray();

        using var fts = connection.CreateCommand();
        fts.Transaction = transaction;
        fts.CommandText = "INSERT INTO docs_fts(rowid, name, brand, category, attributes, description) VALUES ($id, $name, $brand, $category, $attributes, $description)";
        var ftsParameters = new[] { "$id", "$name", "$brand", "$category", "$attributes", "$description" }.Select(n => fts.Parameters.Add(n, SqliteType.Text)).ToArray();

        using var facet = connection.CreateCommand();
        facet.Transaction = transaction;
        facet.CommandText = "INSERT OR IGNORE INTO facets VALUES ($id, $key, $value)";
        var facetParameters = new[] { "$id", "$key", "$value" }.Select(n => facet.Parameters.Add(n, SqliteType.Text)).ToArray();

        var vocabulary = new Dictionary<string, int>();
        foreach (var d in documents)
        {
            object?[] values = [d.ProductId, d.Name, d.Slug, d.Brand, d.ShopId, d.ShopName, d.ShopSlug, d.CategoryId, d.CategoryName,
                d.CategorySlug, d.ParentCategorySlug, (double)d.Price, d.CompareAtPrice is { } c ? (double)c : null, d.Currency,
                d.InStock ? 1 : 0, d.Sales, d.CreatedAt.ToString("O"), d.ImageUrl, d.ImageAlt];
            for (var i = 0; i < values.Length; i++) docParameters[i].Value = values[i] ?? DBNull.Value;
            doc.ExecuteNonQuery();

            object?[] text = [d.ProductId, d.Name, d.Brand ?? "", d.CategoryName, d.AttributeText, d.Description];
            for (var i = 0; i < text.Length; i++) ftsParameters[i].Value = text[i] ?? DBNull.Value;
            fts.ExecuteNonQuery();

            foreach (var (key, value) in d.Facets)
            {
                facetParameters[0].Value = d.ProductId; facetParameters[1].Value = key; facetParameters[2].Value = value;
                facet.ExecuteNonQuery();
            }
            foreach (var word in QueryText.Terms($"{d.Name} {d.Brand} {d.CategoryName} {d.AttributeText}").Where(w => w.Length >= 3 && !w.All(char.IsDigit)))
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
        }

        using var words = connection.CreateCommand();
        words.Transaction = transaction;
        words.CommandText = "INSERT INTO words VALUES ($word, $n) ON CONFLICT(word) DO UPDATE SET freq = freq + excluded.freq";
        var wordParameter = words.Parameters.Add("$word", SqliteType.Text);
        var countParameter = words.Parameters.Add("$n", SqliteType.Integer);
        foreach (var (word, count) in vocabulary)
        {
            wordParameter.Value = word; countParameter.Value = count;
            words.ExecuteNonQuery();
        }
    }

    private static void SetMeta(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    // ---- status --------------------------------------------------------------------------------------------

    /// <summary>The outbox id up to which this index is current; null when it was never built.</summary>
    public long? Checkpoint()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'checkpoint'";
        return command.ExecuteScalar() is string s ? long.Parse(s, CultureInfo.InvariantCulture) : null;
    }

    public SearchIndexStatus Status()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM docs), (SELECT value FROM meta WHERE key = 'checkpoint'), (SELECT value FROM meta WHERE key = 'updated_at')";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new SearchIndexStatus(reader.GetInt64(0),
            reader.IsDBNull(1) ? 0 : long.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
            reader.IsDBNull(2) ? null : DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    public void Dispose() => _writeLock.Dispose();
}
