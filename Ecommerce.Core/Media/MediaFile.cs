using Ecommerce.Core.Common;

namespace Ecommerce.Core.Media;

/// <summary>An uploaded image (shop logo, banner, product image), checked by content and stored in the data folder.</summary>
public class MediaFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string OwnerUserId { get; set; }
    public int? ShopId { get; set; }
    /// <summary>image/png, image/jpeg or image/webp, as found in the bytes (never as claimed by the client).</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string OriginalName { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }

    public string Extension => ContentType switch { "image/png" => "png", "image/jpeg" => "jpg", _ => "webp" };
    public string Url => $"/media/{Id:N}.{Extension}";
}
