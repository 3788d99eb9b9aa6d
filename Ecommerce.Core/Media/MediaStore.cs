using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Media;

/// <summary>
/// Uploaded images: checked by content and size, written to {DataFolder}/media/{id}.{ext}, described by a
/// <see cref="MediaFile"/> row. Files are immutable (a new upload gets a new id), so they can be cached forever.
/// </summary>
public sealed class MediaStore(IDbContextFactory<AppDbContext> contexts, DatabaseSettings database, IOptions<MediaOptions> options)
{
    public const string Field = "file";

    private string Folder => Path.Combine(database.DataFolder, "media");

    public long MaxBytes => options.Value.MaxBytes;

    public string RefusalMessage => $"Only PNG, JPEG or WebP images up to {MaxBytes / (1024.0 * 1024):0.#} MB are accepted.";

    /// <summary>Saves an upload, or throws <see cref="ValidationException"/> (field "file") if it is not an accepted image.</summary>
    public async Task<MediaFile> SaveAsync(string ownerUserId, string originalName, Stream content, int? shopId = null, CancellationToken cancellationToken = default)
    {
        // Read at most one byte more than allowed: enough to know it is too big without reading it all.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) throw ValidationException.For(Field, RefusalMessage);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var image = ImageFormat.Detect(bytes.Span) ?? throw ValidationException.For(Field, RefusalMessage);

        var file = new MediaFile
        {
            OwnerUserId = ownerUserId, ShopId = shopId, ContentType = image.ContentType, Size = bytes.Length,
            Width = image.Width, Height = image.Height,
            OriginalName = Path.GetFileName(originalName) is { Length: > 0 } name ? name[..Math.Min(name.Length, 255)] : "upload",
        };
        Directory.CreateDirectory(Folder);
        var path = PathOf(file);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.MediaFiles.Add(file);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            File.Delete(path); // no row, no file
            throw;
        }
        return file;
    }

    /// <summary>The stored file for a public address "{id}.{ext}", or null.</summary>
    public async Task<(MediaFile File, string Path)?> FindAsync(string fileName, CancellationToken cancellationToken = default)
    {
        var dot = fileName.IndexOf('.');
        if (dot < 0 || !Guid.TryParseExact(fileName[..dot], "N", out var id)) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (file is null || file.Extension != fileName[(dot + 1)..]) return null;
        var path = PathOf(file);
        return File.Exists(path) ? (file, path) : null;
    }

    private string PathOf(MediaFile file) => Path.Combine(Folder, $"{file.Id:N}.{file.Extension}");
}
