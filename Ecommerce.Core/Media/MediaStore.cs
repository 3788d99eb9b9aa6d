using System.Collections.Concurrent;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Media;

/// <summary>
/// Uploaded images: checked by content, size and pixel count, re-encoded into sized variants (<see cref="ImageProcessor"/>)
/// and written to {DataFolder}/media, described by a <see cref="MediaFile"/> row. The original upload is kept beside its
/// variants (so they can be made again) but never served: only variants leave the server, stripped of metadata.
/// Files are immutable (a new upload gets a new id), so they can be cached forever.
/// </summary>
public sealed class MediaStore(IDbContextFactory<AppDbContext> contexts, DatabaseSettings database, IOptions<MediaOptions> options,
    ILogger<MediaStore> logger)
{
    public const string Field = "file";

    /// <summary>Decoding holds a picture's pixels in memory: at most one decode per core at a time.</summary>
    private readonly SemaphoreSlim _decoding = new(Math.Max(1, Environment.ProcessorCount));
    private readonly ConcurrentDictionary<Guid, Lazy<Task<bool>>> _generating = new();

    private string Folder => Path.Combine(database.DataFolder, "media");

    public long MaxBytes => options.Value.MaxBytes;

    public string RefusalMessage => $"Only PNG, JPEG or WebP images up to {MaxBytes / (1024.0 * 1024):0.#} MB are accepted.";

    /// <summary>
    /// Saves an upload and its variants, or throws <see cref="ValidationException"/> (field "file") if it is not an
    /// accepted image; then nothing is stored.
    /// </summary>
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
        var processed = await ProcessAsync(bytes, cancellationToken);

        var file = new MediaFile
        {
            OwnerUserId = ownerUserId, ShopId = shopId, ContentType = image.ContentType, Size = bytes.Length,
            Width = processed.Width, Height = processed.Height,
            OriginalName = Path.GetFileName(originalName) is { Length: > 0 } name ? name[..Math.Min(name.Length, 255)] : "upload",
        };
        Directory.CreateDirectory(Folder);
        var original = OriginalPath(file);
        try
        {
            await File.WriteAllBytesAsync(original, bytes, cancellationToken);
            await WriteVariantsAsync(file.Id, processed, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.MediaFiles.Add(file);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            DeleteFiles(file.Id, original); // no row, no file
            throw;
        }
        return file;
    }

    /// <summary>
    /// The file behind a public name ("{id}.{ext}" serves the full variant, "{id}-{variant}.{webp|jpg}" a variant), or
    /// null. Images stored before variants existed get them here, on their first request, from the kept original:
    /// nothing to run at start-up, and an image nobody asks for costs nothing.
    /// </summary>
    public async Task<(string Path, string ContentType)?> FindAsync(string fileName, CancellationToken cancellationToken = default)
    {
        if (MediaUrls.Parse(fileName) is not { } name) return null;
        // The image's own address names its original's type: "{id}.png" of a JPEG upload is no address.
        if (MediaUrls.IdOf(MediaUrls.Prefix + fileName) is not null && !File.Exists(Path.Combine(Folder, fileName))) return null;
        var path = VariantPath(name.Id, name.Variant, name.Encoding);
        if (!File.Exists(path) && !await GenerateMissingAsync(name.Id, cancellationToken)) return null;
        return File.Exists(path) ? (path, name.Encoding.ContentType()) : null;
    }

    private Task<bool> GenerateMissingAsync(Guid id, CancellationToken cancellationToken)
    {
        // One generation per image however many requests arrive for it at once.
        var work = _generating.GetOrAdd(id, key => new Lazy<Task<bool>>(async () =>
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                var file = await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
                if (file is null || !File.Exists(OriginalPath(file))) return false;
                var processed = await ProcessAsync(await File.ReadAllBytesAsync(OriginalPath(file)), CancellationToken.None);
                await WriteVariantsAsync(id, processed, CancellationToken.None);
                return true;
            }
            catch (ValidationException e) // stored before the limits: it stays unserved rather than failing each time
            {
                logger.LogWarning("Media {Id} has no variants: {Problem}", id, string.Join(" ", e.Errors.SelectMany(x => x.Value)));
                return false;
            }
            finally
            {
                _generating.TryRemove(id, out _);
            }
        }));
        return work.Value.WaitAsync(cancellationToken);
    }

    private async Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _decoding.WaitAsync(cancellationToken);
        try
        {
            // CPU-bound native work: off the caller's context (a Blazor circuit must stay responsive meanwhile).
            return await Task.Run(() => ImageProcessor.Process(bytes.Span, options.Value.MaxPixels, Field), cancellationToken);
        }
        finally
        {
            _decoding.Release();
        }
    }

    // Each variant is written under a temporary name and moved into place, so a reader never sees half a file.
    private async Task WriteVariantsAsync(Guid id, ProcessedImage processed, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        foreach (var v in processed.Variants)
        {
            var path = VariantPath(id, v.Variant, v.Encoding);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, v.Bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
    }

    private void DeleteFiles(Guid id, string original)
    {
        File.Delete(original);
        foreach (var variant in ImageVariant.All)
        foreach (var encoding in Enum.GetValues<VariantEncoding>())
            File.Delete(VariantPath(id, variant, encoding));
    }

    private string OriginalPath(MediaFile file) => Path.Combine(Folder, $"{file.Id:N}.{file.Extension}");

    private string VariantPath(Guid id, ImageVariant variant, VariantEncoding encoding) =>
        Path.Combine(Folder, MediaUrls.Variant(id, variant, encoding)[MediaUrls.Prefix.Length..]);
}
