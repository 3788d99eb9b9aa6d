namespace Ecommerce.Core.Media;

/// <summary>Upload limits (section "Media").</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload, in bytes.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Largest accepted picture, in pixels (width × height, read from the header before decoding). 40 megapixels holds
    /// any camera's photo; a few hundred bytes can announce far more, which would cost gigabytes to decode.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;
}
