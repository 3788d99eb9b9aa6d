namespace Ecommerce.Core.Media;

/// <summary>Upload limits (section "Media").</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload, in bytes.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}
