namespace Ecommerce.Tests.Infrastructure;

/// <summary>Image bytes for upload tests.</summary>
public static class TestImages
{
    /// <summary>A 1×1 PNG (the smallest valid image: signature, IHDR, IDAT, IEND).</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>An HTML page disguised as an image (what a .png name does not make safe).</summary>
    public static readonly byte[] DisguisedHtml = "<html><script>alert(1)</script></html>"u8.ToArray();
}
