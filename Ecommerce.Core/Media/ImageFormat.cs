using System.Buffers.Binary;

namespace Ecommerce.Core.Media;

/// <summary>
/// Recognises an image by its first bytes (never by its name or the client's content type) and reads its size
/// from the header. Anything that is not a PNG, JPEG or WebP is unknown: HTML, SVG, scripts, archives...
/// </summary>
public static class ImageFormat
{
    public sealed record Info(string ContentType, int Width, int Height);

    public static Info? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            // The first chunk is IHDR: width and height, big-endian, at bytes 16..23.
            return new Info("image/png", BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]));
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            var (w, h) = JpegSize(bytes);
            return new Info("image/jpeg", w, h);
        }
        if (bytes.Length >= 16 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            var (w, h) = WebPSize(bytes);
            return new Info("image/webp", w, h);
        }
        return null;
    }

    // Walks the JPEG segments to the first start-of-frame marker (SOF0..SOF15 except DHT, JPG, DAC).
    private static (int, int) JpegSize(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF) { i++; continue; }
            var marker = b[i + 1];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return (BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]));
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
        }
        return (0, 0);
    }

    private static (int, int) WebPSize(ReadOnlySpan<byte> b)
    {
        if (b.Length < 30) return (0, 0);
        var chunk = b[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
            return (1 + (b[24] | b[25] << 8 | b[26] << 16), 1 + (b[27] | b[28] << 8 | b[29] << 16));
        if (chunk.SequenceEqual("VP8 "u8))
            return (BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        return (0, 0);
    }
}
