using System.Globalization;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Directory = System.IO.Directory;

namespace Ecommerce.Core.Search;

/// <summary>
/// The embedded product index: a Lucene.Net index in this node's data folder (<c>search/products-N</c>), with one
/// IndexWriter for the node's lifetime and searchers refreshed after each batch (near-real-time). Each commit carries
/// the outbox position up to which the index is current, so each node catches up on its own and a restart resumes
/// where it stopped. Filters, facets and sorting read per-document values kept in memory (<see cref="SearchDocValues"/>),
/// loaded from the stored documents when the index opens and kept current by every write. The position is an
/// <see cref="OutboxPosition"/>: the events read, and the ids below it not yet committed when it was read. Lucene merges its own
/// segments in the background. A rebuild writes a new directory and swaps it in, so searches keep answering from the
/// old index until the new one is complete.
/// </summary>
public sealed partial class ProductSearchIndex : IDisposable
{
    /// <summary>Bumped when the documents' layout changes: an index of another layout is discarded and rebuilt.</summary>
    private const string Layout = "lucene-2";
    /// <summary>
    /// Bumped when what a document holds grows (the stored copy, its exact terms) while the layout stays: an index of an
    /// older format keeps answering searches and is rebuilt in the background (SearchIndexerService). 2: the variants
    /// and the slug term, for product pages while the database is away. An index without the stamp is format 1.
    /// </summary>
    public const int DocumentFormat = 2;
    private const string LayoutKey = "layout", CheckpointKey = "checkpoint", UpdatedKey = "updated_at", DocumentsKey = "documents";
    private const string Prefix = "products-";

    internal static readonly Similarity Ranking = new CatalogueBm25();

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Searches hold it for reading (the searcher and the in-memory values stay consistent); applying a batch to the
    // in-memory values and swapping in a rebuilt index hold it for writing, briefly.
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private Live _live;
    private bool _disposed;

    /// <summary>The folder that holds this node's index directories.</summary>
    public string Folder { get; }

    /// <summary>The directory of the index searches read now.</summary>
    public string CurrentDirectory => _live.Path;

    private readonly TimeProvider _clock;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public ProductSearchIndex(DatabaseSettings settings, TimeProvider clock) : this(Path.Combine(settings.DataFolder, "search"), clock) { }

    public ProductSearchIndex(string folder, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
        // The newest complete index (its last commit names this layout and a checkpoint); anything else is an older
        // layout or a rebuild that did not finish, and is deleted. None: an empty index without a checkpoint, which the
        // indexer rebuilds.
        var candidates = Directory.GetDirectories(Folder, Prefix + "*")
            .Select(path => (Path: path, Number: NumberOf(path))).Where(d => d.Number >= 0).OrderByDescending(d => d.Number).ToList();
        var chosen = candidates.FirstOrDefault(d => IsComplete(d.Path));
        foreach (var (path, _) in candidates.Where(d => d.Path != chosen.Path)) DeleteDirectory(path);
        var livePath = chosen.Path ?? Path.Combine(Folder, Prefix + "1");
        _live = Live.Open(livePath, create: chosen.Path is null);
    }

    private static int NumberOf(string path) =>
        int.TryParse(Path.GetFileName(path).AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static bool IsComplete(string path)
    {
        try
        {
            using var directory = FSDirectory.Open(path);
            if (!DirectoryReader.IndexExists(directory)) return false;
            var data = SegmentInfosOf(directory);
            return data.TryGetValue(LayoutKey, out var layout) && layout == Layout && data.ContainsKey(CheckpointKey);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IDictionary<string, string> SegmentInfosOf(Lucene.Net.Store.Directory directory)
    {
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.UserData;
    }

    internal static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException) { } // still open somewhere: the next start deletes it
        catch (UnauthorizedAccessException) { }
    }

    internal static IndexWriterConfig WriterConfig(OpenMode mode, double ramBufferMb) => new(SearchAnalysis.Version, SearchAnalysis.Analyzer)
    {
        OpenMode = mode,
        Similarity = Ranking,
        RAMBufferSizeMB = ramBufferMb,
    };

    /// <summary>One open index: its directory, the node's writer on it, the searchers, the in-memory values and the checkpoint.</summary>
    private sealed class Live : IDisposable
    {
        public required string Path { get; init; }
        public required FSDirectory Directory { get; init; }
        public required IndexWriter Writer { get; init; }
        public required SearcherManager Searchers { get; init; }
        public required SearchDocValues Values { get; set; }
        public OutboxPosition? Position { get; set; }
        public DateTime? UpdatedAt { get; set; }
        /// <summary>The format of the documents this index holds; its commits keep it until a rebuild replaces them all.</summary>
        public int Documents { get; init; } = DocumentFormat;

        public static Live Open(string path, bool create, SearchDocValues? values = null)
        {
            var directory = FSDirectory.Open(path);
            IndexWriter? writer = null;
            try
            {
                writer = new IndexWriter(directory, WriterConfig(create ? OpenMode.CREATE : OpenMode.APPEND, 32));
                var data = create ? new Dictionary<string, string>() : SegmentInfosOf(directory);
                var searchers = new SearcherManager(writer, applyAllDeletes: true, new RankingSearcherFactory());
                var live = new Live
                {
                    Path = path, Directory = directory, Writer = writer, Searchers = searchers, Values = values ?? new SearchDocValues(),
                    Position = data.TryGetValue(CheckpointKey, out var c) ? OutboxPosition.Parse(c) : null,
                    UpdatedAt = data.TryGetValue(UpdatedKey, out var u) ? DateTime.Parse(u, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
                    Documents = create ? DocumentFormat
                        : data.TryGetValue(DocumentsKey, out var f) && int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var format) ? format : 1,
                };
                if (values is null) live.Values = LoadValues(searchers);
                return live;
            }
            catch
            {
                writer?.Dispose();
                directory.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            Directory.Dispose();
        }
    }

    /// <summary>
    /// BM25 in which the field weights say which field counts most, whatever share of products fills a field: the
    /// rarity of a word (IDF) is measured against every product, and a field's average length against the products
    /// that have text in it. Lucene's defaults do the opposite, so a brand given by few products made a match in it
    /// weigh less than one in the attributes.
    /// </summary>
    private sealed class CatalogueBm25 : BM25Similarity
    {
        protected override float AvgFieldLength(CollectionStatistics collectionStats) =>
            collectionStats.SumTotalTermFreq <= 0 || collectionStats.DocCount <= 0 ? 1f : (float)(collectionStats.SumTotalTermFreq / (double)collectionStats.DocCount);

        public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats)
        {
            var idf = Idf(termStats.DocFreq, collectionStats.MaxDoc);
            return new Explanation(idf, $"idf(docFreq={termStats.DocFreq}, maxDocs={collectionStats.MaxDoc})");
        }
    }

    /// <summary>Searchers that rank with the writer's similarity (Lucene's default is TF-IDF).</summary>
    private sealed class RankingSearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Ranking };
    }

    /// <summary>Reads the per-document values of a whole index into memory from its stored documents.</summary>
    private static SearchDocValues LoadValues(SearcherManager searchers)
    {
        var values = new SearchDocValues();
        var searcher = searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var live = reader.LiveDocs;
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                    if (live is null || live.Get(doc)) values.Set(SearchFields.FromStored(reader.Document(doc)));
            }
        }
        finally
        {
            searchers.Release(searcher);
        }
        return values;
    }

    /// <summary>Runs a read with a searcher of the current index and the in-memory values that match it.</summary>
    private T Read<T>(Func<IndexSearcher, SearchDocValues, T> read)
    {
        _gate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var searchers = _live.Searchers;
            var searcher = searchers.Acquire();
            try
            {
                return read(searcher, _live.Values);
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /// <summary>Applies a batch in one commit: upserts, removals and the new checkpoint together; then searches see it.</summary>
    /// <param name="readFrom">The position the caller read the batch's events from: when the index is no longer there
    /// (a rebuild was swapped in meanwhile, at its own position), the documents are applied but the position stays, so
    /// the events between are read again.</param>
    public async Task ApplyAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<int> removals, OutboxPosition? position,
        CancellationToken cancellationToken = default, OutboxPosition? readFrom = null)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var live = _live;
            if (readFrom is not null && !readFrom.Equals(live.Position)) position = null;
            if (upserts.Count == 0 && removals.Count == 0)
            {
                // Only the position moved (past other events, or holes given up): kept in memory and written with the
                // next commit, not a commit of its own every poll while orders flow. A restart reads those events again.
                if (position is not null) live.Position = position;
                return;
            }
            var writer = live.Writer;
            var updatedAt = Now;
            try
            {
                foreach (var id in removals) writer.DeleteDocuments(SearchFields.IdTerm(id));
                foreach (var document in upserts) writer.UpdateDocument(SearchFields.IdTerm(document.ProductId), SearchFields.ToDocument(document));
                writer.SetCommitData(CommitData(position ?? live.Position, updatedAt, live.Documents));
                writer.Commit();
            }
            catch
            {
                writer.Rollback(); // nothing of the batch is kept; the writer is closed by a rollback
                ReopenAfterRollback(live);
                throw;
            }

            _gate.EnterWriteLock();
            try
            {
                live.Searchers.MaybeRefreshBlocking();
                foreach (var id in removals) live.Values.Remove(id);
                foreach (var document in upserts) live.Values.Set(document);
                if (position is not null) live.Position = position;
                live.UpdatedAt = updatedAt;
                ForgetAnswers();
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

    internal static Dictionary<string, string> CommitData(OutboxPosition? position, DateTime updatedAt, int documents = DocumentFormat)
    {
        var data = new Dictionary<string, string>
        {
            [LayoutKey] = Layout, [UpdatedKey] = updatedAt.ToString("O", CultureInfo.InvariantCulture),
            [DocumentsKey] = documents.ToString(CultureInfo.InvariantCulture),
        };
        if (position is not null) data[CheckpointKey] = position.ToString();
        return data;
    }

    /// <summary>After a failed commit: the index as of its last commit, with a new writer (a rollback closes the old one).</summary>
    private void ReopenAfterRollback(Live failed)
    {
        _gate.EnterWriteLock();
        try
        {
            failed.Searchers.Dispose();
            failed.Directory.Dispose();
            _live = Live.Open(failed.Path, create: false);
            ForgetAnswers();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Starts writing a complete new index beside the live one; <see cref="CompleteRebuildAsync"/> swaps it in.</summary>
    internal SearchIndexBuild BeginRebuild() => new(Path.Combine(Folder, Prefix + (NumberOf(_live.Path) + 1).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Finishes a rebuild and makes it the live index, atomically: searches see the old index or the new one.</summary>
    internal async Task CompleteRebuildAsync(SearchIndexBuild build, OutboxPosition position, CancellationToken cancellationToken = default)
    {
        var values = build.Finish(position, Now);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = Live.Open(build.DirectoryPath, create: false, values);
            Live old;
            _gate.EnterWriteLock();
            try
            {
                old = _live;
                _live = next;
                ForgetAnswers();
            }
            finally
            {
                _gate.ExitWriteLock();
            }
            // No search holds the old index any more (they acquire under the gate): close it and delete its files.
            old.Dispose();
            DeleteDirectory(old.Path);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // ---- status --------------------------------------------------------------------------------------------

    /// <summary>
    /// The format of the documents of this built index when it is older than <see cref="DocumentFormat"/> (written by an
    /// earlier version: it answers searches, but lacks what this version stores); null when current or never built.
    /// </summary>
    public int? OlderDocumentFormat => _live is { Position: not null, Documents: var format } && format < DocumentFormat ? format : null;

    /// <summary>The outbox position up to which this index is current; null when it was never built.</summary>
    public OutboxPosition? Position() => _live.Position;

    /// <summary>The highest outbox id this index has read; null when it was never built.</summary>
    public long? Checkpoint() => _live.Position?.Through;

    public SearchIndexStatus Status() => Read((_, values) => new SearchIndexStatus(values.Count, _live.Position?.Through ?? 0, _live.UpdatedAt));

    public void Dispose()
    {
        _writeLock.Wait();
        _gate.EnterWriteLock();
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_live.Position is { } position)
            {
                // A position moved in memory only (see ApplyAsync) is kept for the next start.
                _live.Writer.SetCommitData(CommitData(position, _live.UpdatedAt ?? Now, _live.Documents));
                _live.Writer.Commit();
            }
            _live.Dispose();
        }
        finally
        {
            _gate.ExitWriteLock();
            _writeLock.Release();
        }
    }
}
