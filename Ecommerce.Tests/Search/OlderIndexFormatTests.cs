using Ecommerce.Core.Events;
using Ecommerce.Core.Search;

namespace Ecommerce.Tests.Search;

/// <summary>
/// An index written by an earlier version (no document format stamp) is kept when it opens, so searches answer from it,
/// and says it is older, so the node rebuilds it; a batch applied to it does not make it look current.
/// </summary>
public sealed class OlderIndexFormatTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("older-index-").FullName;

    private static SearchDocument Document(int id) => new(
        id, $"Lamp {id}", $"lamp-{id}", null, "A lamp.", 1, "Shop", "shop", 1, "Lamps", "lamps", null,
        10m, null, "USD", true, 0, DateTime.UtcNow, null, "", [], "",
        [new SearchVariant(id * 10, $"SKU-{id}", new Dictionary<string, string>(), 10m, null, 3)]);

    [Fact]
    public async Task An_index_of_an_older_document_format_is_kept_says_so_and_stays_older_until_rebuilt()
    {
        var current = Path.Combine(_folder, "current");
        using (var index = new ProductSearchIndex(current))
        {
            await index.ApplyAsync([Document(1), Document(2)], [], new OutboxPosition(7, []));
            Assert.Null(index.OlderDocumentFormat);
            OlderSearchIndex.Write(index.CurrentDirectory, Path.Combine(_folder, "older", "products-3"));
        }

        var olderFolder = Path.Combine(_folder, "older");
        using (var older = new ProductSearchIndex(olderFolder))
        {
            Assert.Equal(Path.Combine(olderFolder, "products-3"), older.CurrentDirectory); // not discarded as incomplete
            Assert.Equal(2, older.Status().Documents);
            Assert.Equal(7, older.Checkpoint());
            Assert.Equal(1, older.OlderDocumentFormat);
            Assert.Null(older.Document("lamp-1")?.Variants); // what a product page needs while the database is away

            await older.ApplyAsync([Document(3)], [], new OutboxPosition(8, []));
            Assert.Equal(1, older.OlderDocumentFormat); // one current document does not make the others current
        }
        using (var reopened = new ProductSearchIndex(olderFolder))
        {
            Assert.Equal(8, reopened.Checkpoint());
            Assert.Equal(1, reopened.OlderDocumentFormat);
        }
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
