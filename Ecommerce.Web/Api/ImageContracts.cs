using System.ComponentModel;
using System.Text.Json.Serialization;
using Ecommerce.Core.Media;

namespace Ecommerce.Web.Api;

/// <summary>An image of a product as the APIs return it: its stored address and, for an image uploaded here, its renditions.</summary>
public sealed record ImageResponse(
    [property: JsonPropertyName("url"), Description("The image's address as stored (for an upload, it serves the full rendition as JPEG).")] string Url,
    [property: JsonPropertyName("alt_text")] string? AltText,
    [property: JsonPropertyName("sizes")] ImageSizesResponse? Sizes)
{
    public static ImageResponse Of(MediaFolder media, string url, string? altText) => new(url, altText, ImageSizesResponse.Of(media, url));
}

/// <summary>The sized renditions of an uploaded image, for a srcset; null for an image given by an outside address.</summary>
[Description("The renditions of an uploaded image (WebP and JPEG each), to choose by the space shown in; null for an image at an outside address or whose file this node does not hold.")]
public sealed record ImageSizesResponse(
    [property: JsonPropertyName("thumb"), Description("At most 200 pixels on its longer edge.")] ImageRenditionResponse Thumb,
    [property: JsonPropertyName("card"), Description("At most 640 pixels on its longer edge.")] ImageRenditionResponse Card,
    [property: JsonPropertyName("full"), Description("At most 1600 pixels on its longer edge.")] ImageRenditionResponse Full)
{
    public static ImageSizesResponse? Of(MediaFolder media, string? url)
    {
        if (MediaUrls.IdOf(url) is not { } id || media.VariantSizes(url) is not { } sizes) return null;
        ImageRenditionResponse Rendition(ImageVariant variant)
        {
            var size = sizes.First(s => s.Variant == variant);
            return new(size.Width, size.Height, MediaUrls.Variant(id, variant, VariantEncoding.WebP), MediaUrls.Variant(id, variant, VariantEncoding.Jpeg));
        }
        return new(Rendition(ImageVariant.Thumbnail), Rendition(ImageVariant.Card), Rendition(ImageVariant.Full));
    }
}

/// <summary>One rendition: its real size in pixels (a picture is never enlarged) and its address in each encoding.</summary>
[Description("One rendition: its size in pixels (never enlarged beyond the upload) and its addresses, cacheable for a year.")]
public sealed record ImageRenditionResponse(
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("webp_url")] string WebpUrl,
    [property: JsonPropertyName("jpeg_url")] string JpegUrl);
