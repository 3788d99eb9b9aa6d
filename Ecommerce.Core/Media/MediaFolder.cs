using System.Collections.Concurrent;
using Ecommerce.Core.Data;
using SkiaSharp;

namespace Ecommerce.Core.Media;

/// <summary>
/// Where uploaded images live on disk, {DataFolder}/media: each image's master under its own address's name
/// ("{id}.{ext}") and its variants under theirs. Also answers, from the master's header alone, the pixel size of each
/// variant, which a srcset needs and the stored address does not say.
/// </summary>
public sealed class MediaFolder(DatabaseSettings database)
{
    /// <summary>A size read is a file header; a page shows a few dozen images. Sizes never change, so they are kept.</summary>
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<VariantSize>> _sizes = new();

    public string Path => System.IO.Path.Combine(database.DataFolder, "media");

    public string MasterPath(Guid id, string extension) => System.IO.Path.Combine(Path, $"{id:N}.{extension}");

    public string VariantPath(Guid id, ImageVariant variant, VariantEncoding encoding) =>
        System.IO.Path.Combine(Path, MediaUrls.Variant(id, variant, encoding)[MediaUrls.Prefix.Length..]);

    /// <summary>
    /// The pixel size of each variant (largest first) of the uploaded image at <paramref name="url"/> ("/media/{id}.{ext}"),
    /// or null for any other address or an image whose master is not here. Read from the master's header (an upload kept
    /// from before masters existed counts its EXIF orientation), without decoding a pixel.
    /// </summary>
    public IReadOnlyList<VariantSize>? VariantSizes(string? url)
    {
        if (url is null || !url.StartsWith(MediaUrls.Prefix, StringComparison.Ordinal)) return null;
        // Only "{id}.{png|jpg|webp}": a stored address is the merchant's text, never a path to follow.
        var name = url[MediaUrls.Prefix.Length..];
        if (name.IndexOf('.') != 32 || MediaUrls.Parse(name) is not { } parsed) return null;
        if (_sizes.TryGetValue(parsed.Id, out var known)) return known;

        using var codec = File.Exists(System.IO.Path.Combine(Path, name)) ? SKCodec.Create(System.IO.Path.Combine(Path, name)) : null;
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0) return null;
        var sizes = ImageProcessor.SwapsAxes(codec.EncodedOrigin)
            ? ImageProcessor.VariantSizes(codec.Info.Height, codec.Info.Width)
            : ImageProcessor.VariantSizes(codec.Info.Width, codec.Info.Height);
        if (_sizes.Count >= MaxRemembered) _sizes.Clear();
        _sizes[parsed.Id] = sizes;
        return sizes;
    }
}
