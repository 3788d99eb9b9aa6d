using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Ecommerce.Tests.Media;

/// <summary>Real pictures made with SkiaSharp for the upload tests, and the EXIF and PNG surgery SkiaSharp does not do.</summary>
public static class TestPictures
{
    /// <summary>A JPEG whose left half is red and right half blue (so a rotation shows), busy enough to compress like a photo.</summary>
    public static byte[] Jpeg(int width, int height, int seed = 1)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width - width / 2f, height, blue);
            var random = new Random(seed);
            using var dot = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 400; i++) // texture, away from the probes at the middle of each half
            {
                dot.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 60);
                canvas.DrawCircle(random.Next(width), random.Next(height), 2 + random.Next(Math.Max(3, width / 60)), dot);
            }
        }
        using var data = bitmap.PeekPixels().Encode(new SKJpegEncoderOptions(90));
        return data!.ToArray();
    }

    /// <summary>
    /// The JPEG with an EXIF block right after its start marker: orientation 6 (shown turned a quarter right) and a GPS
    /// block placing the camera at latitude 48° 51' 29" N, as a phone writes it.
    /// </summary>
    public static byte[] WithExifOrientationAndGps(byte[] jpeg)
    {
        var tiff = new byte[92];
        var t = tiff.AsSpan();
        "MM"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], 8);
        // IFD0 at 8: Orientation = 6, GPS IFD at 38.
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], 2);
        Entry(t[10..], 0x0112, 3, 1, 6 << 16);
        Entry(t[22..], 0x8825, 4, 1, 38);
        // GPS IFD at 38: latitude ref "N", latitude as three rationals at 68.
        BinaryPrimitives.WriteUInt16BigEndian(t[38..], 2);
        Entry(t[40..], 0x0001, 2, 2, 'N' << 24);
        Entry(t[52..], 0x0002, 5, 3, 68);
        uint[] rationals = [48, 1, 51, 1, 29, 1];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(t[(68 + 4 * i)..], rationals[i]);

        var app1 = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        app1.AddRange([(byte)(length >> 8), (byte)length]);
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];

        static void Entry(Span<byte> at, ushort tag, ushort type, uint count, int value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(at, tag);
            BinaryPrimitives.WriteUInt16BigEndian(at[2..], type);
            BinaryPrimitives.WriteUInt32BigEndian(at[4..], count);
            BinaryPrimitives.WriteInt32BigEndian(at[8..], value);
        }
    }

    /// <summary>A real 16×16 PNG whose header then claims <paramref name="width"/>×<paramref name="height"/> (with a valid CRC).</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var bitmap = new SKBitmap(16, 16);
        bitmap.Erase(SKColors.Green);
        using var data = bitmap.PeekPixels().Encode(new SKPngEncoderOptions());
        var png = data!.ToArray();
        // Signature (8), IHDR length (4), "IHDR" at 12, width at 16, height at 20, ..., its CRC at 29 over bytes 12..28.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>Whether the bytes carry an EXIF block (a JPEG's APP1 "Exif" or a WebP's "EXIF" chunk).</summary>
    public static bool HasExif(byte[] bytes) =>
        bytes.AsSpan().IndexOf("Exif\0\0"u8) >= 0 || bytes.AsSpan().IndexOf("EXIF"u8) >= 0;

    /// <summary>Whether the bytes hold the GPS latitude <see cref="WithExifOrientationAndGps"/> writes (48/1, 51/1, 29/1), EXIF block or not.</summary>
    public static bool HasGps(byte[] bytes) =>
        bytes.AsSpan().IndexOf(new byte[] { 0, 0, 0, 48, 0, 0, 0, 1, 0, 0, 0, 51, 0, 0, 0, 1, 0, 0, 0, 29, 0, 0, 0, 1 }) >= 0;

    public static byte[] TextNamedJpeg => Encoding.UTF8.GetBytes("This is a shopping list, not a photo.\n");

    // The CRC-32 of PNG chunks (ISO 3309), bit by bit: a few bytes, no table needed.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
