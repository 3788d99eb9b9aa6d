using Ecommerce.Core.Events;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Ecommerce.Core.Search;

/// <summary>
/// A complete new index written beside the live one (a rebuild). Its only commit is the last one, which carries the
/// checkpoint: a directory left by a rebuild that did not finish has no checkpoint and is deleted when the index opens.
/// </summary>
internal sealed class SearchIndexBuild : IDisposable
{
    private readonly FSDirectory _directory;
    private IndexWriter? _writer;
    private bool _finished;

    public string DirectoryPath { get; }
    public SearchDocValues Values { get; } = new();

    public SearchIndexBuild(string path)
    {
        DirectoryPath = path;
        ProductSearchIndex.DeleteDirectory(path); // an earlier attempt at the same number
        _directory = FSDirectory.Open(path);
        // A large buffer: fewer, bigger segments while the whole catalogue is written.
        _writer = new IndexWriter(_directory, ProductSearchIndex.WriterConfig(OpenMode.CREATE, 256));
    }

    /// <summary>Adds a page of documents; pages may be added from several threads at once (Lucene indexes them side by side).</summary>
    public void Add(IReadOnlyList<SearchDocument> documents)
    {
        var writer = _writer ?? throw new InvalidOperationException("The rebuild is finished.");
        foreach (var document in documents) writer.AddDocument(SearchFields.ToDocument(document));
        lock (Values)
            foreach (var document in documents) Values.Set(document);
    }

    /// <summary>Commits the new index with its checkpoint and closes its writer; the live index then opens it.</summary>
    public SearchDocValues Finish(OutboxPosition position, DateTime at)
    {
        var writer = _writer ?? throw new InvalidOperationException("The rebuild is finished.");
        writer.SetCommitData(ProductSearchIndex.CommitData(position, at));
        writer.Commit();
        writer.Dispose();
        _writer = null;
        _finished = true;
        return Values;
    }

    public void Dispose()
    {
        if (_writer is not null)
        {
            _writer.Rollback();
            _writer = null;
        }
        _directory.Dispose();
        if (!_finished) ProductSearchIndex.DeleteDirectory(DirectoryPath);
    }
}
