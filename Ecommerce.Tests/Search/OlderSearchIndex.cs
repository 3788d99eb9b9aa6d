using System.Text.Json;
using Ecommerce.Core.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Directory = System.IO.Directory;

namespace Ecommerce.Tests.Search;

/// <summary>
/// Writes a copy of a current index as an earlier version wrote it: its commit has the same layout and checkpoint but no
/// document format stamp, and its documents are stored without their variants and have no slug term. Only what the
/// node reads back when it opens an index is written (the product id and the stored copy), not the searched text.
/// </summary>
internal static class OlderSearchIndex
{
    private const string Id = "id", IdValue = "id_value", Stored = "doc", FormatKey = "documents";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(string currentDirectory, string olderDirectory)
    {
        IDictionary<string, string> commit;
        var documents = new List<SearchDocument>();
        using (var source = FSDirectory.Open(currentDirectory))
        using (var reader = DirectoryReader.Open(source))
        {
            commit = new Dictionary<string, string>(reader.IndexCommit.UserData);
            foreach (var leaf in reader.Leaves)
                for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
                    if (leaf.AtomicReader.LiveDocs is not { } live || live.Get(doc))
                    {
                        var bytes = leaf.AtomicReader.Document(doc).GetBinaryValue(Stored);
                        documents.Add(JsonSerializer.Deserialize<SearchDocument>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length), Json)!);
                    }
        }
        Assert.True(commit.Remove(FormatKey), "the current index carries its document format");
        Assert.NotEmpty(documents);

        Directory.CreateDirectory(olderDirectory);
        using var target = FSDirectory.Open(olderDirectory);
        using var writer = new IndexWriter(target, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer()) { OpenMode = OpenMode.CREATE });
        foreach (var d in documents)
            writer.AddDocument(
            [
                new StringField(Id, d.ProductId.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO),
                new NumericDocValuesField(IdValue, d.ProductId),
                new StoredField(Stored, JsonSerializer.SerializeToUtf8Bytes(d with { Variants = null }, Json)),
            ]);
        writer.SetCommitData(commit);
        writer.Commit();
    }
}
