using System.Collections.Concurrent;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Media;

/// <summary>
/// Uploaded images: checked by content, size and pixel count, re-encoded into sized variants (<see cref="ImageProcessor"/>)
/// and written to the <see cref="MediaFolder"/>, described by a <see cref="MediaFile"/> row. The upload's bytes are not
/// kept: a master re-encoded from its pixels (upright, without EXIF or GPS) is kept beside the variants so they can be made
/// again, and is never served. Files are immutable (a new upload gets a new id), so they can be cached forever.
/// </summary>
public sealed class MediaStore(IDbContextFactory<AppDbContext> contexts, MediaFolder folder, IOptions<MediaOptions> options,
    ILogger<MediaStore> logger)
{
    public const string Field = "file";

    /// <summary>Decoding holds a picture's pixels in memory: at most one decode per core at a time.</summary>
    private readonly SemaphoreSlim _decoding = new(Math.Max(1, Environment.ProcessorCount));
    private readonly ConcurrentDictionary<Guid, Lazy<Task<bool>>> _generating = new();

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
        Directory.CreateDirectory(folder.Path);
        var original = OriginalPath(file);
        try
        {
            await WriteAsync(original, processed.Master.Bytes, cancellationToken);
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
    /// null. Images stored before variants existed get them here, on their first request, from the kept upload, which is
    /// then replaced by a master without its metadata: nothing to run at start-up, and an image nobody asks for costs nothing.
    /// </summary>
    public async Task<(string Path, string ContentType)?> FindAsync(string fileName, CancellationToken cancellationToken = default)
    {
        if (MediaUrls.Parse(fileName) is not { } name) return null;
        // The image's own address names its original's type: "{id}.png" of a JPEG upload is no address.
        if (MediaUrls.IdOf(MediaUrls.Prefix + fileName) is not null && !File.Exists(Path.Combine(folder.Path, fileName))) return null;
        var path = folder.VariantPath(name.Id, name.Variant, name.Encoding);
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
                await WriteAsync(OriginalPath(file), processed.Master.Bytes, CancellationToken.None);
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

    private async Task WriteVariantsAsync(Guid id, ProcessedImage processed, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.Path);
        foreach (var v in processed.Variants)
            await WriteAsync(folder.VariantPath(id, v.Variant, v.Encoding), v.Bytes, cancellationToken);
    }

    // Written under a temporary name and moved into place, so a reader never sees half a file.
    private static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private void DeleteFiles(Guid id, string original)
    {
        File.Delete(original);
        foreach (var variant in ImageVariant.All)
        foreach (var encoding in Enum.GetValues<VariantEncoding>())
            File.Delete(folder.VariantPath(id, variant, encoding));
    }

    private string OriginalPath(MediaFile file) => folder.MasterPath(file.Id, file.Extension);
}
