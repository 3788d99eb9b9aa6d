using Ecommerce.Core.Common;
using SkiaSharp;

namespace Ecommerce.Core.Media;

/// <summary>One encoded variant, ready to store.</summary>
public sealed record EncodedVariant(ImageVariant Variant, VariantEncoding Encoding, int Width, int Height, byte[] Bytes);

/// <summary>
/// The picture kept in place of the upload, to make variants from again: upright, at most <see cref="ImageProcessor.MasterBox"/>
/// on its longer edge, in the upload's format, encoded from pixels (so without the upload's metadata).
/// </summary>
public sealed record EncodedMaster(int Width, int Height, byte[] Bytes);

/// <summary>An upload turned into its master and variants; Width and Height are the picture's as displayed (orientation applied).</summary>
public sealed record ProcessedImage(int Width, int Height, EncodedMaster Master, IReadOnlyList<EncodedVariant> Variants);

/// <summary>
/// Turns an uploaded image into its sized variants with SkiaSharp. The size is read from the header before any pixel is
/// decoded, so a small file announcing a gigantic picture is refused without allocating for it. Variants are encoded
/// from pixels, so nothing of the original's metadata (EXIF, GPS, comments, colour profiles' names) survives; the EXIF
/// orientation is applied first, since it is dropped with the rest. The same goes for the master kept in place of the
/// upload, so no file on disk holds the upload's metadata.
/// </summary>
public static class ImageProcessor
{
    /// <summary>
    /// The kept master's longer edge at most: twice the largest variant, room to make variants again (or larger ones)
    /// without holding a 40-megapixel photo's pixels in memory.
    /// </summary>
    public const int MasterBox = 3200;
    private const int JpegQuality = 82;
    private const int MasterJpegQuality = 92;
    private const float MasterWebPQuality = 90;
    private const float WebPQuality = 80;
    /// <summary>Orienting and flattening move whole pixels: no filtering.</summary>
    private static readonly SKSamplingOptions Exact = new(SKFilterMode.Nearest);

    /// <summary>
    /// Decodes <paramref name="bytes"/> (already recognised as PNG, JPEG or WebP) and encodes its master and every variant, or throws
    /// <see cref="ValidationException"/> (field <paramref name="field"/>) for an unreadable or oversized picture.
    /// </summary>
    public static ProcessedImage Process(ReadOnlySpan<byte> bytes, long maxPixels, string field)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw ValidationException.For(field, "could not be read as an image (the file is damaged or not a picture).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > maxPixels)
            throw ValidationException.For(field, $"is {width}×{height} pixels; images up to {maxPixels / 1_000_000.0:0.#} megapixels are accepted.");

        using var decoded = Decode(codec, MasterBox, field);
        using var oriented = Orient(decoded, codec.EncodedOrigin);
        var (shownWidth, shownHeight) = SwapsAxes(codec.EncodedOrigin) ? (height, width) : (width, height);
        var sizes = VariantSizes(shownWidth, shownHeight, out var masterSize);

        var master = oriented.Width == masterSize.Width && oriented.Height == masterSize.Height ? oriented : Resize(oriented, masterSize.Width, masterSize.Height);
        var encodedMaster = new EncodedMaster(master.Width, master.Height, EncodeMaster(master, codec.EncodedFormat));
        var variants = new List<EncodedVariant>(sizes.Count * 2);
        var source = master;
        foreach (var size in sizes)
        {
            var resized = source.Width == size.Width && source.Height == size.Height ? source : Resize(source, size.Width, size.Height);
            variants.Add(new(size.Variant, VariantEncoding.WebP, size.Width, size.Height, EncodeWebP(resized)));
            variants.Add(new(size.Variant, VariantEncoding.Jpeg, size.Width, size.Height, EncodeJpeg(resized, JpegQuality)));
            if (!ReferenceEquals(source, oriented) && !ReferenceEquals(source, resized)) source.Dispose();
            source = resized;
        }
        if (!ReferenceEquals(source, oriented)) source.Dispose();
        return new ProcessedImage(shownWidth, shownHeight, encodedMaster, variants);
    }

    /// <summary>
    /// The pixel size of each variant (largest first) of a picture shown at <paramref name="width"/>×<paramref name="height"/>:
    /// each fits its box in the master, which fits <see cref="MasterBox"/>. Variants are made from the master, so the sizes
    /// are the same whether they are made at upload or later from the kept master.
    /// </summary>
    public static IReadOnlyList<VariantSize> VariantSizes(int width, int height) => VariantSizes(width, height, out _);

    private static IReadOnlyList<VariantSize> VariantSizes(int width, int height, out (int Width, int Height) master)
    {
        master = Fit(width, height, MasterBox);
        var (w, h) = master;
        return ImageVariant.All.Select(v =>
        {
            var (vw, vh) = Fit(w, h, v.Box);
            return new VariantSize(v, vw, vh);
        }).ToList();
    }

    /// <summary>The size fitting (w, h) into a box of <paramref name="box"/> on its longer edge, never enlarged.</summary>
    public static (int Width, int Height) Fit(int w, int h, int box)
    {
        var scale = Math.Min(1.0, (double)box / Math.Max(w, h));
        return (Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
    }

    // JPEG (and WebP) decode straight to a fraction of their size: a 6000×4000 photo needed at 1600 is decoded at
    // 3000×2000, a quarter of the memory and time. The codec picks the nearest scale it supports, never below the need.
    private static SKBitmap Decode(SKCodec codec, int box, string field)
    {
        var info = codec.Info;
        var scale = (float)box / Math.Max(info.Width, info.Height);
        if (scale < 1)
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (Math.Max(scaled.Width, scaled.Height) >= box) info = info.WithSize(scaled.Width, scaled.Height);
        }
        info = info.WithColorType(SKColorType.Rgba8888).WithAlphaType(info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        // A truncated file still yields its first rows; a picture half grey is not worth refusing, but garbage is.
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw ValidationException.For(field, $"could not be decoded as an image ({result}).");
        }
        return bitmap;
    }

    /// <summary>Whether a picture stored with this EXIF orientation is shown with its width and height exchanged.</summary>
    internal static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Draws the pixels the way the camera meant them to be seen (EXIF orientation 1..8).</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return bitmap.Copy();
        var (w, h) = (bitmap.Width, bitmap.Height);
        var swapped = SwapsAxes(origin);
        var result = new SKBitmap(bitmap.Info.WithSize(swapped ? h : w, swapped ? w : h));
        using var canvas = new SKCanvas(result);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;                           // mirrored
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;                   // upside down
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;                         // flipped
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;                          // transposed
            case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;                      // turned a quarter right
            case SKEncodedOrigin.RightBottom: canvas.Translate(h, w); canvas.RotateDegrees(90); canvas.Scale(-1, 1); break;        // transversed
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(270); break;                   // turned a quarter left
        }
        canvas.DrawBitmap(bitmap, 0, 0, Exact, null);
        canvas.Flush();
        return result;
    }

    private static SKBitmap Resize(SKBitmap source, int w, int h) =>
        source.Resize(source.Info.WithSize(w, h), new SKSamplingOptions(SKCubicResampler.Mitchell))
        ?? throw new InvalidOperationException($"Resizing to {w}×{h} failed.");

    private static byte[] EncodeWebP(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebPQuality));
        return data?.ToArray() ?? throw new InvalidOperationException("The encoder produced nothing.");
    }

    // The master keeps the upload's format (and so its address): PNG stays lossless, with its transparency.
    private static byte[] EncodeMaster(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        if (format == SKEncodedImageFormat.Jpeg) return EncodeJpeg(bitmap, MasterJpegQuality);
        using var pixmap = bitmap.PeekPixels();
        using var data = format == SKEncodedImageFormat.Png
            ? pixmap.Encode(new SKPngEncoderOptions())
            : pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, MasterWebPQuality));
        return data?.ToArray() ?? throw new InvalidOperationException("The encoder produced nothing.");
    }

    // JPEG has no transparency: a transparent PNG is laid on white rather than on black.
    private static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var opaque = new SKBitmap(bitmap.Info.WithAlphaType(SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(opaque))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(bitmap, 0, 0, Exact, null);
        }
        using var pixmap = opaque.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        return data?.ToArray() ?? throw new InvalidOperationException("The encoder produced nothing.");
    }
}
