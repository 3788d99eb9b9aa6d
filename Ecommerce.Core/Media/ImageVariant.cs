namespace Ecommerce.Core.Media;

/// <summary>
/// One sized rendition of an uploaded image. <see cref="Box"/> bounds the longer edge (an image is never enlarged), so
/// a square card slot of Box/2 CSS pixels gets a sharp picture on a 2x screen.
/// </summary>
public sealed record ImageVariant(string Name, int Box)
{
    public static readonly ImageVariant Thumbnail = new("thumb", 200);
    public static readonly ImageVariant Card = new("card", 640);
    public static readonly ImageVariant Full = new("full", 1600);

    /// <summary>Largest first: each is resized from the one before, never more than about 3x at a time.</summary>
    public static readonly IReadOnlyList<ImageVariant> All = [Full, Card, Thumbnail];

    public static ImageVariant? Named(string name) => All.FirstOrDefault(v => v.Name == name);
}

/// <summary>The pixel size of one variant of one picture (smaller than its box when the picture is not square or is small).</summary>
public sealed record VariantSize(ImageVariant Variant, int Width, int Height);

/// <summary>The encodings every variant is stored in: WebP for browsers that take it, JPEG for the rest.</summary>
public enum VariantEncoding { WebP, Jpeg }

public static class VariantEncodings
{
    public static string Extension(this VariantEncoding e) => e == VariantEncoding.WebP ? "webp" : "jpg";
    public static string ContentType(this VariantEncoding e) => e == VariantEncoding.WebP ? "image/webp" : "image/jpeg";

    public static VariantEncoding? FromExtension(string extension) => extension switch
    {
        "webp" => VariantEncoding.WebP,
        "jpg" => VariantEncoding.Jpeg,
        _ => null,
    };
}
