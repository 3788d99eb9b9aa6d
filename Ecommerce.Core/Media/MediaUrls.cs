namespace Ecommerce.Core.Media;

/// <summary>
/// The public addresses of an uploaded image. Products and shops store the image's address "/media/{id}.{ext}", which
/// serves its full variant; the sized variants are "/media/{id}-{variant}.{webp|jpg}". An id is never reused (a new
/// upload gets a new id), so every address keeps its bytes forever and can be cached as immutable.
/// </summary>
public static class MediaUrls
{
    public const string Prefix = "/media/";

    /// <summary>The id of an uploaded image's address, or null for any other picture (generated SVGs, external URLs).</summary>
    public static Guid? IdOf(string? url)
    {
        if (url is null || !url.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var name = url.AsSpan(Prefix.Length);
        var dot = name.IndexOf('.');
        return dot == 32 && Guid.TryParseExact(name[..dot], "N", out var id) ? id : null;
    }

    public static string Variant(Guid id, ImageVariant variant, VariantEncoding encoding) =>
        $"{Prefix}{id:N}-{variant.Name}.{encoding.Extension()}";

    /// <summary>
    /// The srcset of the variants in one encoding, narrowest first, each described by its real width in pixels. Variants
    /// of a small picture can share a width (none is enlarged): only the smallest of them is listed, as a srcset must not
    /// repeat a width.
    /// </summary>
    public static string SrcSet(Guid id, VariantEncoding encoding, IEnumerable<VariantSize> sizes) =>
        string.Join(", ", sizes.OrderBy(s => s.Width).ThenBy(s => s.Variant.Box).DistinctBy(s => s.Width)
            .Select(s => $"{Variant(id, s.Variant, encoding)} {s.Width}w"));

    /// <summary>Reads a public file name: the image's own address (its full variant) or a variant's.</summary>
    public static (Guid Id, ImageVariant Variant, VariantEncoding Encoding)? Parse(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        if (dot < 32 || !Guid.TryParseExact(fileName[..32], "N", out var id)) return null;
        var extension = fileName[(dot + 1)..];
        if (dot == 32) // "/media/{id}.{ext}": the address products store
            return extension is "png" or "jpg" or "webp"
                ? (id, ImageVariant.Full, extension == "webp" ? VariantEncoding.WebP : VariantEncoding.Jpeg)
                : null;
        if (fileName[32] != '-' || ImageVariant.Named(fileName[33..dot]) is not { } variant
            || VariantEncodings.FromExtension(extension) is not { } encoding) return null;
        return (id, variant, encoding);
    }
}
